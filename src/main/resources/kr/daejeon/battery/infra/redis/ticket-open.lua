-- Opens a ticket once. KEYS: ticket hash, its notes (one slot: the ticket's). ARGV: JSON, status, updatedAt, note
-- ('' = none), retention seconds. Creates the ticket only when it does not exist; returns {1 if created now else 0,
-- its status}, so a retry after a failure part-way opens nothing twice and knows which queues it belongs in.
if redis.call('EXISTS', KEYS[1]) == 1 then return {0, redis.call('HGET', KEYS[1], 'status')} end
redis.call('HSET', KEYS[1], 'json', ARGV[1], 'status', ARGV[2], 'assignee', '', 'updatedAt', ARGV[3])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
if ARGV[4] ~= '' then
  redis.call('RPUSH', KEYS[2], ARGV[4])
  redis.call('EXPIRE', KEYS[2], tonumber(ARGV[5]))
end
return {1, ARGV[2]}
