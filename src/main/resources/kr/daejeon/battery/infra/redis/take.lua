-- KEYS[1] bucket; ARGV[1] capacity, ARGV[2] refill per millisecond. Returns the seconds to wait, 0 when allowed.
return take(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), redis_now())
