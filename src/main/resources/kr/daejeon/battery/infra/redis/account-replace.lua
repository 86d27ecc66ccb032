-- KEYS: accounts, log; ARGV: username, expected json ('' = absent), next json, audit json
-- The LTRIM bound is a format placeholder: RedisScript.template fills in the last index the log keeps (LOG_LIMIT - 1).
local v = redis.call('HGET', KEYS[1], ARGV[1])
if (v or '') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('LPUSH', KEYS[2], ARGV[4])
redis.call('LTRIM', KEYS[2], 0, %d)
return 1
