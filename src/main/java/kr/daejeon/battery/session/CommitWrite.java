package kr.daejeon.battery.session;

import kr.daejeon.battery.infra.redis.RedisClient;
import java.util.List;

/**
 * Something a turn writes in the same commit as its messages, such as the ticket a handoff opens: a turn that
 * could not be stored (answered 503) then leaves nothing behind. A Redis store runs {@link #lua()} inside its
 * commit script, after the messages are stored (a failing commit stops before it); any other store calls
 * {@link #writeSeparately()} once the messages are stored.
 */
public interface CommitWrite {

    /** The Redis the write lives in, or null when it lives in this process. */
    RedisClient redis();

    /** Body of a Lua function of {@code (keys, args)} (tables of strings); its return value is ignored. */
    String lua();

    List<String> keys();

    List<String> args();

    /** Writes it on its own, after the messages were stored. */
    void writeSeparately();
}
