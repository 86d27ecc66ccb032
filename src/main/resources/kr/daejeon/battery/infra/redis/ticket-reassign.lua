-- KEYS: ticket hash. ARGV: assignee ('' = back to waiting), now. Returns 1 when it was open.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HGET', KEYS[1], 'status') == 'resolved' then return 0 end
local status = 'assigned'
if ARGV[1] == '' then status = 'waiting' end
redis.call('HSET', KEYS[1], 'status', status, 'assignee', ARGV[1], 'updatedAt', ARGV[2])
if ARGV[1] ~= '' then redis.call('HSETNX', KEYS[1], 'claimedAt', ARGV[2]) end
return 1
