-- The Ardour test harness's Lua side, loaded by ardour7-lua before it reads commands (one line each) on standard
-- input. Every command ends by printing "@@ok TAG" (or "@@error TAG message"), which the Java side waits for;
-- results are printed as "@@note ..." lines. Times are in samples (frames) from the session start.

local session = nil
local midi = ARDOUR.ChanCount(ARDOUR.DataType("midi"), 1)
local UI = ARDOUR.TransportRequestSource.TRS_UI

local function track(name)
	local route = session:route_by_name(name)
	assert(not route:isnil(), "no track " .. name)
	return route:to_track()
end

-- Runs fn(...) and reports its end to the Java side; errors become one line. Standard output is a pipe, so
-- it is flushed after every answer.
function run(tag, fn, ...)
	local ok, message = pcall(fn, ...)
	if ok then
		print("@@ok " .. tag)
	else
		print("@@error " .. tag .. " " .. tostring(message):gsub("\n", " "))
	end
	io.stdout:flush()
end

function use_backend(name)
	if name == "None (Dummy)" then
		ARDOUR.config():set_hide_dummy_backend(false)
	end
	assert(AudioEngine:set_backend(name, "", ""), "no backend " .. name)
end

-- jackd 1.9.21 sometimes reads Ardour's requests out of step while Ardour sets up a session (port metadata and
-- the timebase request interleave on its socket: "Unknown request" in the server's log) and shuts the client out.
ENGINE_HALTED = "JACK halted the audio engine while the session was set up"

-- A new session at a constant tempo (quarter notes per minute) in 4/4.
function create(dir, name, rate, bpm)
	session = create_session(dir, name, rate)
	assert(session, "cannot create the session " .. dir)
	assert(AudioEngine:running(), ENGINE_HALTED)
	local map = Temporal.TempoMap.fetch_writable()
	map:set_tempo(Temporal.Tempo(bpm, bpm, 4), Temporal.timepos_t(0))
	Temporal.TempoMap.update(map)
end

-- Opens a saved session; tried three times, as JACK may shut Ardour's client out while it opens (see create).
function open(dir, name)
	for _ = 1, 3 do
		session = load_session(dir, name)
		assert(session, "cannot open the session " .. dir)
		if AudioEngine:running() then
			return
		end
		close()
	end
	error(ENGINE_HALTED)
end

function save()
	assert(session:save_state("", false, false, false, false, false) == 0, "cannot save")
end

function close()
	close_session()
	session = nil
end

-- MIDI tracks with one MIDI input and one MIDI output, no instrument.
function add_midi_track(name)
	local tracks = session:new_midi_track(midi, midi, true, ARDOUR.PluginInfo(), nil, nil, 1, name,
		ARDOUR.PresentationInfo.max_order, ARDOUR.TrackMode.Normal, true)
	assert(tracks:size() == 1, "cannot add the track " .. name)
end

-- Inserts a plug-in (kind "LV2" or "VST3", id its URI or UID) at the top of a track's processors.
function add_plugin(name, kind, id)
	local plugin = ARDOUR.LuaAPI.new_plugin(session, id, ARDOUR.PluginType[kind], "")
	assert(not plugin:isnil(), "no " .. kind .. " plug-in " .. id)
	assert(track(name):add_processor_by_index(plugin, 0, nil, true) == 0, "cannot insert " .. id)
end

-- Replaces the track's input connections by one port (an Ardour or a JACK port name).
function connect_input(name, port)
	disconnect_input(name)
	local input = track(name):input()
	assert(connect_within(input, port, 5), "cannot connect " .. port .. " to " .. name)
end

-- Connects an IO's MIDI port to another port, waiting up to `seconds` for a port that another client has just
-- registered (Ardour hears of it from JACK a moment later).
function connect_within(io, port, seconds)
	for _ = 1, seconds * 10 do
		if io:connect(io:midi(0), port, nil) == 0 then
			return true
		end
		ARDOUR.LuaAPI.usleep(100000)
	end
	return false
end

function disconnect_input(name)
	track(name):input():disconnect_all(nil)
end

-- Adds a connection from the track's MIDI output to a port, keeping the others.
function connect_output(name, port)
	assert(connect_within(track(name):output(), port, 5), "cannot connect " .. name .. " to " .. port)
end

function record_arm(name, on)
	track(name):rec_enable_control():set_value(on and 1 or 0, PBD.GroupControlDisposition.NoGroup)
end

-- Waits (polling every 10 ms) until condition() holds; fails after `seconds`.
local function wait_until(condition, seconds, what)
	for _ = 1, seconds * 100 do
		if condition() then
			return
		end
		ARDOUR.LuaAPI.usleep(10000)
	end
	error("not " .. what .. " in " .. seconds .. " s")
end

-- Rolls from sample `from` until the transport passes sample `to`, then stops and waits until it stands.
function roll(from, to, record)
	session:request_locate(from, false, ARDOUR.LocateTransportDisposition.MustStop, UI)
	wait_until(function() return session:transport_sample() == from end, 10, "located at " .. from)
	if record then
		session:maybe_enable_record(false)
	else
		session:disable_record(false, false)
	end
	session:request_roll(UI)
	local seconds = 10 + math.ceil((to - from) / session:nominal_sample_rate())
	wait_until(function() return session:transport_sample() >= to end, seconds, "rolled to " .. to)
	session:request_stop(false, false, UI)
	wait_until(function() return not session:transport_rolling() end, 10, "stopped")
	session:disable_record(false, false)
end

-- Prints every note on the track's playlist as "@@note CHANNEL PITCH VELOCITY ORIGIN TIME LENGTH": ORIGIN is where
-- the region's source starts, in ticks from the session start (Ardour keeps MIDI in beats of 1,920 ticks); TIME
-- (from ORIGIN) and LENGTH are Ardour's "BEATS:TICKS".
function notes(name)
	for region in track(name):playlist():region_list():iter() do
		local midi_region = region:to_midiregion()
		if not midi_region:isnil() then
			local origin = region:position():ticks() - region:start():ticks()
			for note in ARDOUR.LuaAPI.note_list(midi_region:model()):iter() do
				print(string.format("@@note %d %d %d %d %s", note:channel(), note:note(), note:velocity(),
					origin, note:time():str() .. " " .. note:length():str()))
			end
		end
	end
end
