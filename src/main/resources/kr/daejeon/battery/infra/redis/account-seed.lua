-- KEYS: accounts, log; ARGV: audit json, then username/json pairs
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('LPUSH', KEYS[2], ARGV[1])
return (#ARGV - 1) / 2
