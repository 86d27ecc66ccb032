-- KEYS: ticket hash. ARGV: contact details, consent JSON ('' = none). Attaches them while the ticket is open;
-- returns 1 when it was. The consent lives and dies with the contact.
local s = redis.call('HGET', KEYS[1], 'status')
if s ~= 'waiting' and s ~= 'assigned' then return 0 end
redis.call('HSET', KEYS[1], 'contact', ARGV[1])
if ARGV[2] == '' then redis.call('HDEL', KEYS[1], 'consent')
else redis.call('HSET', KEYS[1], 'consent', ARGV[2]) end
return 1
