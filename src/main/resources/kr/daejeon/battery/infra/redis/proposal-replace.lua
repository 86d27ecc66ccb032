-- KEYS: the proposals hash. ARGV: id, the proposal exactly as stored, its replacement. Puts back what an approval
-- replaced, only if that approval is still what is stored: 1 done, 0 it changed meanwhile.
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v or v ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
