-- KEYS[1] a queue (a list). Returns its items, oldest first, and removes them.
local v = redis.call('LRANGE', KEYS[1], 0, -1)
redis.call('DEL', KEYS[1])
return v
