-- KEYS: head, version, log, text keys...; ARGV: expected, version json, summary json, channel, number, texts...
-- The LTRIM bound is a format placeholder: RedisScript.template fills in the last index the log keeps (LOG_LIMIT - 1).
local h = tonumber(redis.call('GET', KEYS[1]) or '0')
if h ~= tonumber(ARGV[1]) then return h end
for i = 4, #KEYS do redis.call('SET', KEYS[i], ARGV[i + 2], 'NX') end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SET', KEYS[1], ARGV[5])
redis.call('LPUSH', KEYS[3], ARGV[3])
redis.call('LTRIM', KEYS[3], 0, %d)
redis.call('PUBLISH', ARGV[4], ARGV[5])
return -1
