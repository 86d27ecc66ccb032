-- KEYS: msgs, state. Returns {state or false, version}, read at one instant.
return {redis.call('GET', KEYS[2]), redis.call('LLEN', KEYS[1])}
