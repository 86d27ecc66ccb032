-- One chat turn per request: POST a realistic question (Korean or English, from the held-out set)
-- to one of the pre-created conversations. Each wrk thread walks its own slice of the pool, so a
-- conversation is never asked twice at the same time; the first pass over the pool is the first
-- turn of new conversations, later passes continue them.
-- usage: wrk ... -s turns.lua -- conversations.txt bodies.txt
local convs, bodies, counter = {}, {}, 0

local threads = {}
function setup(thread)
  thread:set("slot", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    local id, token = line:match("^(%S+) (%S+)$")
    if id then convs[#convs + 1] = { "/api/v1/conversations/" .. id .. "/messages", "Bearer " .. token } end
  end
  for line in io.lines(args[2]) do bodies[#bodies + 1] = line end
  counter = (slot or 0) * 7919
end

function request()
  counter = counter + 1
  local c = convs[(counter % #convs) + 1]
  return wrk.format("POST", c[1], { ["Content-Type"] = "application/json", ["Authorization"] = c[2] },
    bodies[(counter % #bodies) + 1])
end
