-- wrk script for bench/serve_load.sh: cycles through the request paths in
-- the file given after "--" (one per line), so each request is a different
-- search and runs are comparable.
local requests = {}
local counter = 0

init = function(args)
  for line in io.lines(args[1]) do
    if line ~= "" then requests[#requests + 1] = wrk.format("GET", line) end
  end
  counter = math.random(#requests)
end

request = function()
  counter = counter % #requests + 1
  return requests[counter]
end
