-- Token buckets (rate limits). redis_now(): Redis's clock in ms, so nodes with skewed clocks agree.
-- bucket(key, cap, rate, now): the tokens a bucket holds now (refilled at rate per ms, at most cap) and the seconds
-- to wait before it holds one (0 when it does); take(...) also takes a token when there is one and writes the bucket.
local function redis_now()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function bucket(key, cap, rate, now)
  local b = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(b[1]) or cap
  local at = tonumber(b[2]) or now
  tokens = math.min(cap, tokens + math.max(0, now - at) * rate)
  if tokens >= 1 then return tokens, 0 end
  return tokens, math.max(1, math.ceil((1 - tokens) / rate / 1000))
end
local function take(key, cap, rate, now)
  local tokens, wait = bucket(key, cap, rate, now)
  if wait == 0 then tokens = tokens - 1 end
  redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('PEXPIRE', key, math.ceil(cap / rate) + 1000)
  return wait
end
