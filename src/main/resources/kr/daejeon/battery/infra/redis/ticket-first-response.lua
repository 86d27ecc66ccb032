-- KEYS: ticket hash. ARGV: time of the first staff reply. The hash keeps its expiry (retention): HSETNX on a
-- missing key would create one without it.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HSETNX', KEYS[1], 'firstResponseAt', ARGV[1])
