-- KEYS: ticket hash. ARGV: contact details. Attaches them while the ticket is open; returns 1 when it was.
local s = redis.call('HGET', KEYS[1], 'status')
if s == 'waiting' or s == 'assigned' then redis.call('HSET', KEYS[1], 'contact', ARGV[1]) return 1 end
return 0
