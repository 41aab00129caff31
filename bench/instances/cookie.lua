-- Keeps the session cookie fresh as a browser does: the portal re-issues it when it re-checks the
-- login's security stamp (every 30 s); without this every request after the first 30 s would pay
-- for that check again, which no real browser does.
local cookie = os.getenv("BENCH_COOKIE")

request = function()
  return wrk.format(nil, nil, { ["Cookie"] = cookie })
end

response = function(status, headers, body)
  local set = headers["Set-Cookie"]
  if set then
    local value = set:match("rp%.auth=([^;]+)")
    if value and value ~= "" then
      cookie = "rp.auth=" .. value
    end
  end
end
