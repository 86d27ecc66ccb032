-- KEYS: the account's key. ARGV as login-try.lua. After a wrong password: the block for the failures so far
-- runs from now, unless a later one is set.
local n = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
if n == 0 then return 0 end
local now = tonumber(ARGV[1])
local untilMs = 0
if n >= tonumber(ARGV[3]) then untilMs = now + tonumber(ARGV[5])
elseif n >= tonumber(ARGV[2]) then untilMs = now + math.min(1000 * 2 ^ math.min(30, n - tonumber(ARGV[2])), tonumber(ARGV[4])) end
local blocked = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if untilMs <= blocked then return 0 end
redis.call('HSET', KEYS[1], 'until', string.format('%d', untilMs))
redis.call('PEXPIRE', KEYS[1], math.max(tonumber(ARGV[5]), untilMs - now))
return 1
