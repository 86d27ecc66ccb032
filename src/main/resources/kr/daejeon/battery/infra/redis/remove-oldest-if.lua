-- KEYS: list. ARGV: the entry seen last in the list. Pops it only if it is still there.
if redis.call('LINDEX', KEYS[1], -1) == ARGV[1] then return redis.call('RPOP', KEYS[1]) end
return false
