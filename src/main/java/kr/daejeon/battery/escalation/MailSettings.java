package kr.daejeon.battery.escalation;

import java.time.Duration;
import java.util.List;

/**
 * The SMTP server follow-up e-mail goes through.
 *
 * @param tls      {@code starttls} (upgrade required), {@code ssl} (TLS from the start, usually port 465) or {@code none}
 * @param username null when the server takes mail without login
 * @param retries  waits before each further attempt after a failed send (30 s, 2 min, 10 min by default)
 */
public record MailSettings(String host, int port, String tls, String username, String password, String from,
                           List<Duration> retries) {

    @Override
    public String toString() {
        // Never the password, whoever prints the settings.
        return "MailSettings[" + host + ":" + port + ", tls=" + tls + ", user=" + username + ", from=" + from + "]";
    }
}
