-- Keeps the cookies a browser would keep: the session cookie, which the portal re-issues when it
-- re-checks the login's security stamp (every 30 s), and the antiforgery cookie of its forms.
-- Without this every request would pay for a new antiforgery cookie and, after 30 s, for the
-- stamp check again, which no real browser does.
local cookies = { }
local initial = os.getenv("BENCH_COOKIE")
for name, value in string.gmatch(initial or "", "([^=; ]+)=([^;]+)") do cookies[name] = value end

local function header()
  local parts = { }
  for name, value in pairs(cookies) do parts[#parts + 1] = name .. "=" .. value end
  return table.concat(parts, "; ")
end

request = function()
  return wrk.format(nil, nil, { ["Cookie"] = header() })
end

response = function(status, headers, body)
  local set = headers["Set-Cookie"]
  if set then
    for name, value in string.gmatch(set, "(rp%.[%w]+)=([^;]*)") do
      if value ~= "" then cookies[name] = value end
    end
  end
end
