-- wrk script for POST /send: a small JSON body with the token from the
-- FEIGE_TOKEN environment variable, and a count of replies whose body
-- really says success ("code":200), so a fast error is never counted as
-- a send.  The same script drives the nginx baseline.
local token = os.getenv("FEIGE_TOKEN") or "none"
wrk.method = "POST"
wrk.body = '{"token":"' .. token ..
    '","title":"bench","content":"hello from wrk: 服务器负载 42%"}'
wrk.headers["Content-Type"] = "application/json"

local threads = {}
function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	ok = 0
	bad = 0
end

function response(status, headers, body)
	if status == 200 and string.find(body, '"code":200', 1, true) then
		ok = ok + 1
	else
		bad = bad + 1
	end
end

function done(summary, latency, requests)
	local o, b = 0, 0
	for _, t in ipairs(threads) do
		o = o + t:get("ok")
		b = b + t:get("bad")
	end
	io.write(string.format("RESULT ok=%d bad=%d secs=%.3f rps=%.0f " ..
	    "p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", o, b,
	    summary.duration / 1e6, o / (summary.duration / 1e6),
	    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
	    latency.max / 1000))
end
