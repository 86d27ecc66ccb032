package kr.daejeon.battery.learning;

import java.util.List;
import kr.daejeon.battery.session.CappedList;
import kr.daejeon.battery.session.RedisClient;

/** The newest unanswered questions, newest first; bounded, shared through Redis when configured. Blocking in Redis. */
public final class UnansweredLog {

    public static final int CAPACITY = 5000;

    private final CappedList<UnansweredQuestion> questions;

    public UnansweredLog(RedisClient redisOrNull) {
        this.questions = new CappedList<>(redisOrNull, "unanswered", CAPACITY, UnansweredQuestion.class);
    }

    public void add(UnansweredQuestion q) {
        questions.add(q);
    }

    public List<UnansweredQuestion> recent(int limit) {
        return questions.recent(limit);
    }
}
