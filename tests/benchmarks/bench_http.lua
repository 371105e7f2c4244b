-- wrk script for bench_http.sh. Each wrk thread posts the prepared batch
-- files (batch-00000, batch-00001, ... in the folder given as the first
-- script argument) in turn, starting at its own offset and cycling for the
-- whole run. Every request gets event ids of its own, so that the engine
-- never takes a cycled batch for duplicates.
--
-- Script arguments: BATCH_DIR BATCH_COUNT ID_PREFIX

local threads = {}
local thread_count = 0

function setup(thread)
   thread_count = thread_count + 1
   thread:set("index", thread_count)
   table.insert(threads, thread)
end

-- Each body is kept as the pieces between the occurrences of the generated
-- id prefix, so that a request can join them with a new prefix cheaply.
local batches = {}
local next_batch = 1
local requests = 0
ok = 0
busy = 0
failed = 0

local function split(text, separator)
   local pieces = {}
   local start = 1
   while true do
      local found = string.find(text, separator, start, true)
      if not found then
         pieces[#pieces + 1] = string.sub(text, start)
         return pieces
      end
      pieces[#pieces + 1] = string.sub(text, start, found - 1)
      start = found + #separator
   end
end

function init(args)
   local dir, count, prefix = args[1], tonumber(args[2]), args[3]
   for i = 0, count - 1 do
      local file = assert(io.open(string.format("%s/batch-%05d", dir, i), "rb"))
      batches[#batches + 1] = split(file:read("*a"), '"' .. prefix .. "-")
      file:close()
   end
   next_batch = (index - 1) % #batches + 1
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/x-ndjson"
end

function request()
   local pieces = batches[next_batch]
   next_batch = next_batch % #batches + 1
   requests = requests + 1
   local body = table.concat(pieces, '"t' .. index .. "r" .. requests .. "-")
   return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
   if status == 200 then
      ok = ok + 1
   elseif status == 503 then
      busy = busy + 1
   else
      failed = failed + 1
   end
end

function done(summary, latency, requests)
   local ok_total, busy_total, failed_total = 0, 0, 0
   for _, thread in ipairs(threads) do
      ok_total = ok_total + thread:get("ok")
      busy_total = busy_total + thread:get("busy")
      failed_total = failed_total + thread:get("failed")
   end
   -- Read by bench_http.sh; times in milliseconds.
   io.write(string.format("RESULT seconds=%.3f ok=%d busy=%d failed=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
      summary.duration / 1e6, ok_total, busy_total, failed_total,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000))
end
