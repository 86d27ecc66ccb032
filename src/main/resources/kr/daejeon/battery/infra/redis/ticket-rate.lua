-- KEYS: ticket hash. ARGV: rating JSON. Returns 1 stored, 0 no ticket, -1 not resolved, -2 rated before.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HGET', KEYS[1], 'status') ~= 'resolved' then return -1 end
if redis.call('HSETNX', KEYS[1], 'satisfaction', ARGV[1]) == 0 then return -2 end
return 1
