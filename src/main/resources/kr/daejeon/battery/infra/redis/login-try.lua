-- KEYS: the account's key. ARGV: now (ms), delayAfter, lockAfter, maxDelay (ms), lockFor (ms).
-- Refuses while blocked ({0, wait ms}); otherwise counts the try as a failure and allows it ({1, 0}).
local now = tonumber(ARGV[1])
local blocked = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if blocked > now then return {0, blocked - now} end
local n = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local untilMs = 0
if n >= tonumber(ARGV[3]) then untilMs = now + tonumber(ARGV[5])
elseif n >= tonumber(ARGV[2]) then untilMs = now + math.min(1000 * 2 ^ math.min(30, n - tonumber(ARGV[2])), tonumber(ARGV[4])) end
redis.call('HSET', KEYS[1], 'until', string.format('%d', untilMs))
redis.call('PEXPIRE', KEYS[1], math.max(tonumber(ARGV[5]), untilMs - now))
return {1, 0}
