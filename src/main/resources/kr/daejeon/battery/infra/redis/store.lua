-- store(o) appends a turn's messages and saves the state. KEYS: msgs, state, lock, turns. From ARGV[o + 1]: state
-- JSON, TTL seconds (0 = keep), lock token ('' = none), the conversation's feed channel ('' = announce nothing), the
-- staff feed channel, conversation id as a JSON string, the turn's idempotency key ('' = none), the turn's summary,
-- messages... (each JSON starting with {"id":0,). Returns the new list length, which is also the conversation's
-- version. The key is kept in the turns hash (first|count|summary) in the same step as the messages, so a retry
-- finds exactly what was stored. Releases the lock when it is still ours and announces the messages, with their
-- ids, on the feed channels.
local function store(o)
  local n = redis.call('LLEN', KEYS[1])
  local first = n + 1
  for i = o + 9, #ARGV do n = redis.call('RPUSH', KEYS[1], ARGV[i]) end
  if ARGV[o + 7] ~= '' then
    redis.call('HSET', KEYS[4], ARGV[o + 7], first .. '|' .. (#ARGV - o - 8) .. '|' .. ARGV[o + 8])
  end
  redis.call('SET', KEYS[2], ARGV[o + 1])
  local ttl = tonumber(ARGV[o + 2])
  if ttl > 0 then
    redis.call('EXPIRE', KEYS[1], ttl)
    redis.call('EXPIRE', KEYS[2], ttl)
    redis.call('EXPIRE', KEYS[4], ttl)
  else
    redis.call('PERSIST', KEYS[1])
    redis.call('PERSIST', KEYS[2])
    redis.call('PERSIST', KEYS[4])
  end
  if ARGV[o + 3] ~= '' and redis.call('GET', KEYS[3]) == ARGV[o + 3] then redis.call('DEL', KEYS[3]) end
  if ARGV[o + 4] ~= '' then
    local numbered = {}
    for i = o + 9, #ARGV do
      numbered[#numbered + 1] = '{"id":' .. (first + i - o - 9) .. string.sub(ARGV[i], 8)
    end
    local array = '[' .. table.concat(numbered, ',') .. ']'
    redis.call('PUBLISH', ARGV[o + 4], array)
    redis.call('PUBLISH', ARGV[o + 5], '{"type":"messages","conversationId":' .. ARGV[o + 6]
      .. ',"messages":' .. array .. '}')
  end
  return n
end
