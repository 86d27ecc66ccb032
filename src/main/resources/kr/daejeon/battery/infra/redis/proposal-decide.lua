-- KEYS: proposals hash. ARGV: id, decided JSON. Decides a proposal only while it is pending, so two admins cannot
-- both approve it. Returns 1 done, 0 unknown id, -1 already decided.
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return 0 end
if cjson.decode(v).status ~= 'pending' then return -1 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
