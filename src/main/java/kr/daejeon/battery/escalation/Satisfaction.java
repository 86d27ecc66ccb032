package kr.daejeon.battery.escalation;

import java.time.Instant;

/**
 * The customer's rating of a resolved ticket (CSAT): a score from 1 (very unhappy) to 5 (very happy) and an
 * optional comment. One per ticket: once sent it stays.
 *
 * @param comment free text the customer wrote, or null (customer text: escaped wherever shown, never logged)
 */
public record Satisfaction(int score, String comment, Instant at) {

    public static final int MIN = 1;
    public static final int MAX = 5;
    public static final int MAX_COMMENT_CHARS = 1000;

    public static boolean validScore(int score) {
        return score >= MIN && score <= MAX;
    }
}
