-- KEYS: ticket hash, its notes. ARGV: now, retention seconds. Returns 1 when it was open.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HGET', KEYS[1], 'status') == 'resolved' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'resolved', 'updatedAt', ARGV[1])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[2]))
return 1
