-- A customer's turn. Every key is in the conversation's hash slot. KEYS: msgs, state, lock, turns, the
-- conversation's rate-limit buckets... ARGV: the version a planned turn was computed from ('' under the lock),
-- the lock's token ('' when planned), the number of buckets, then capacity and refill per ms of each, then
-- store's arguments. Returns {'replay', first|count|summary} when a turn was stored before under the same
-- idempotency key, {'busy'} while someone else holds the lock (planned), {'gone'} when the conversation expired,
-- {'stale', state, version} when it changed after the plan's version, {'limited', bucket number, seconds} when a
-- bucket is empty (nothing is charged then), else {'ok', new version}.
local nb = tonumber(ARGV[3])
local o = 3 + 2 * nb
local key = ARGV[o + 7]
if key ~= '' then
  local done = redis.call('HGET', KEYS[4], key)
  if done then return {'replay', done} end
end
if ARGV[1] ~= '' then
  if redis.call('EXISTS', KEYS[3]) == 1 then return {'busy'} end
  local n = redis.call('LLEN', KEYS[1])
  if n ~= tonumber(ARGV[1]) then
    local s = redis.call('GET', KEYS[2])
    if not s then return {'gone'} end
    return {'stale', s, n}
  end
elseif redis.call('EXISTS', KEYS[2]) == 0 then
  return {'gone'}
end
local now = redis_now()
for i = 1, nb do
  local tokens, wait = bucket(KEYS[4 + i], tonumber(ARGV[2 + 2 * i]), tonumber(ARGV[3 + 2 * i]), now)
  if wait > 0 then return {'limited', i, wait} end
end
for i = 1, nb do
  take(KEYS[4 + i], tonumber(ARGV[2 + 2 * i]), tonumber(ARGV[3 + 2 * i]), now)
end
return {'ok', store(o)}
