-- wrk script for benchmarks/bench.py.
--
-- Every run ends with one line, "BENCH {json}", that bench.py reads.
--
-- With BENCH_ADVANCERS naming a Lua file (bench.py writes it), each thread
-- plays its own member's sessions instead of fetching the URL: it posts Next
-- with the position it is at, as the player does, moves on one step per 200,
-- and takes the member's next session when one reaches its last step. Run it
-- with as many threads as connections, so each connection is one member.

local advancers_file = os.getenv("BENCH_ADVANCERS")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("index", threads)
end

local sessions, steps, current, position

function init(args)
  if not advancers_file then
    return
  end
  local mine = dofile(advancers_file)[index]
  sessions, steps = mine.sessions, mine.steps
  current, position = 1, 0
  wrk.method = "POST"
  wrk.headers["Cookie"] = "sessionid=" .. mine.cookie .. "; csrftoken=" .. mine.csrf_token
  wrk.headers["X-CSRFToken"] = mine.csrf_token
  wrk.headers["HX-Request"] = "true"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

if advancers_file then
  function request()
    local session = sessions[current]
    if not session then
      error("out of sessions: seed more (benchmarks/seed.py ADVANCES_PER_CONNECTION)")
    end
    return wrk.format(nil, "/sessions/" .. session .. "/next/", nil, "position=" .. position)
  end

  function response(status, headers, body)
    if status ~= 200 then
      return -- not applied: post the same position again
    end
    position = position + 1
    if position >= steps - 1 then -- at the last step: Next would finish it
      current, position = current + 1, 0
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, '
      .. '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p99_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(99), latency.mean
  ))
end
