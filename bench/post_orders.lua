-- wrk script: POST /api/v1/orders/ as many tables in turn, from the file given after "--":
-- a line a table, its token and, for tables of many stores, one dish of its store's menu
-- ("TOKEN MENU_ID"). A table without a dish orders the body given after the file.
local tables = {}
local counter = 0
local body

function init(args)
  for line in io.lines(args[1]) do
    local token, menu_id = line:match("^(%S+)%s*(%d*)$")
    local own = body
    if menu_id ~= "" then
      own = '{"items": [{"menu_id": ' .. menu_id .. ', "quantity": 1}]}'
    end
    tables[#tables + 1] = { token = token, body = own }
  end
  body = args[2]
  for _, table in ipairs(tables) do
    table.body = table.body or body
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local table = tables[(counter % #tables) + 1]
  wrk.headers["Authorization"] = "Bearer " .. table.token
  return wrk.format(nil, "/api/v1/orders/", nil, table.body)
end

function response(status, headers, body)
  if status ~= 201 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
