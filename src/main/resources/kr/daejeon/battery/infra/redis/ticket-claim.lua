-- KEYS: ticket hash. ARGV: staff, now. Returns {1|0, assignee}.
if redis.call('EXISTS', KEYS[1]) == 0 then return {0, ''} end
if redis.call('HGET', KEYS[1], 'status') == 'resolved' then return {0, ''} end
local a = redis.call('HGET', KEYS[1], 'assignee')
if a and a ~= '' then
  if a == ARGV[1] then return {1, a} end
  return {0, a}
end
redis.call('HSET', KEYS[1], 'status', 'assigned', 'assignee', ARGV[1], 'updatedAt', ARGV[2])
redis.call('HSETNX', KEYS[1], 'claimedAt', ARGV[2])
return {1, ARGV[1]}
