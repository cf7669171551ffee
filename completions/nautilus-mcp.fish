# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_nautilus_mcp_global_optspecs
    string join \n json o/output= wide columns= color= config= state-dir= log-level= read-only toolsets= yes h/help V/version
end

function __fish_nautilus_mcp_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_nautilus_mcp_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_nautilus_mcp_using_subcommand
    set -l cmd (__fish_nautilus_mcp_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -f -a "node" -d 'The trading node: settings, risk limits, the paper market clock'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -f -a "venue" -d 'Venue connections (paper, testnet, live)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -f -a "strategy" -d 'Strategies: define them in the strategy language, check, show, list and delete them, attach them to the node'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -f -a "order" -d 'Submit, modify, cancel and inspect orders'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -f -a "account" -d 'Account balances, margins and PnL'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -f -a "position" -d 'Open positions and their risk'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -f -a "market" -d 'Instruments, order books, tickers, trades and bars'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -f -a "backtest" -d 'Configure, run and analyse backtests'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -f -a "data" -d 'Import, generate and list historical data'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -f -a "mcp" -d 'Serve every operation as MCP tools: over stdio (stdout carries only JSON-RPC), or over streamable HTTP with `--http`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -f -a "token" -d 'Bearer tokens for `mcp --http`: create (shown once, stored as a hash), list, revoke'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -f -a "config" -d 'Show the configuration'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -f -a "init" -d 'Initialize the trading node: trader id, venues, logging level and pre-trade risk limits (max order size, max notional per order, max open orders, max submit rate, allowed instruments, daily loss limit)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -f -a "status" -d 'Show the node: trading state, venues, balances, open orders, positions and strategies'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -f -a "advance" -d 'Move the paper market forward through the catalog\'s bars (every connected paper venue\'s instruments, in time order), through Nautilus\'s matching engines: resting orders fill, stops trigger, GTD orders expire and attached strategies trade, exactly as in a backtest'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -f -a "verify" -d 'Check the node\'s state against its journal: replay every journaled event (orders, fills, account states) through a fresh Nautilus cache, rebuild orders, positions, balances and commissions, check the journaled position events against those the fills make, and compare them with the stored state'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -f -a "halt" -d 'The kill switch: cancel every open order and halt the node until an admin resumes it'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -f -a "resume" -d 'Resume trading after a halt (HALTED or REDUCING back to ACTIVE)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and not __fish_seen_subcommand_from init status advance verify halt resume help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l venue -d 'Venues to trade on, e.g. BINANCE (repeat or separate with commas)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l node-log-level -d 'The node\'s log level (DEBUG, INFO, WARNING, ERROR)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l max-order-size -d 'Largest quantity of one order' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l max-notional-per-order -d 'Largest value (quantity x price) of one order, in the quote currency' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l max-open-orders -d 'Most orders open at once per venue' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l max-order-submit-rate -d 'Most order submissions per second (across all processes)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l allowed-instrument -d 'Only these instruments may be traded (SYMBOL.VENUE, repeat or separate with commas)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l daily-loss-limit -d 'Halt trading when the day\'s loss exceeds this amount' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l trader-id -d 'Trader id, NAME-TAG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l force -d 'Replace the settings of an existing node (its orders and positions are kept)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from status" -l detail -d 'summary (the MCP default): the first 10 open orders; full (the CLI default): all' -r -f -a "summary\t'The headline figures and the first page; `truncated` says what was left out'
full\t'Everything asked for'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from status" -l watch -d 'Redraw this view in place every SECONDS (default 2) until Ctrl-C, following the paper market or the venue' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from status" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from status" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from status" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from status" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from status" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from status" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from status" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from status" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from status" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from status" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from status" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -l until -d 'Advance through this time (inclusive); the clock moves there even without data' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -l bars -d 'Advance through the next N bar times' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -l to-end -d 'Advance through the end of the data'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from advance" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from verify" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from verify" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from verify" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from verify" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from verify" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from verify" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from verify" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from verify" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from verify" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from verify" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from verify" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from halt" -l reason -d 'Why, for the journal and `node status`' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from halt" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from halt" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from halt" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from halt" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from halt" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from halt" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from halt" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from halt" -l reduce-only -d 'Only allow orders that reduce positions (REDUCING) instead of halting all trading'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from halt" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from halt" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from halt" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from halt" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from halt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from halt" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from resume" -l reason -d 'Why, for the journal' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from resume" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from resume" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from resume" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from resume" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from resume" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from resume" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from resume" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from resume" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from resume" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from resume" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from resume" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from resume" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from resume" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "init" -d 'Initialize the trading node: trader id, venues, logging level and pre-trade risk limits (max order size, max notional per order, max open orders, max submit rate, allowed instruments, daily loss limit)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the node: trading state, venues, balances, open orders, positions and strategies'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "advance" -d 'Move the paper market forward through the catalog\'s bars (every connected paper venue\'s instruments, in time order), through Nautilus\'s matching engines: resting orders fill, stops trigger, GTD orders expire and attached strategies trade, exactly as in a backtest'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check the node\'s state against its journal: replay every journaled event (orders, fills, account states) through a fresh Nautilus cache, rebuild orders, positions, balances and commissions, check the journaled position events against those the fills make, and compare them with the stored state'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "halt" -d 'The kill switch: cancel every open order and halt the node until an admin resumes it'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "resume" -d 'Resume trading after a halt (HALTED or REDUCING back to ACTIVE)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and not __fish_seen_subcommand_from connect help" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and not __fish_seen_subcommand_from connect help" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and not __fish_seen_subcommand_from connect help" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and not __fish_seen_subcommand_from connect help" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and not __fish_seen_subcommand_from connect help" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and not __fish_seen_subcommand_from connect help" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and not __fish_seen_subcommand_from connect help" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and not __fish_seen_subcommand_from connect help" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and not __fish_seen_subcommand_from connect help" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and not __fish_seen_subcommand_from connect help" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and not __fish_seen_subcommand_from connect help" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and not __fish_seen_subcommand_from connect help" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and not __fish_seen_subcommand_from connect help" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and not __fish_seen_subcommand_from connect help" -f -a "connect" -d 'Connect a venue: paper (simulated on Nautilus\'s matching engine), testnet or live (Binance Spot)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and not __fish_seen_subcommand_from connect help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l mode -d 'paper (default, or the config\'s venue mode), testnet or live' -r -f -a "paper\t'Simulated on Nautilus\'s matching engine, driven by the catalog or pushed data'
testnet\t'The venue\'s test environment (real API, no real money)'
live\t'The real venue with real money'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l balance -d 'Paper: starting balances, e.g. "100000 USDT" (repeat for several currencies)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l account-type -d 'Paper: CASH or MARGIN (default MARGIN)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l oms-type -d 'Paper: NETTING (default: one position per instrument and strategy) or HEDGING (one position per entry order; an order closes one when given its position_id)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l leverage -d 'Paper: leverage of a margin account (default 1)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l maker-fee -d 'Paper: maker fee rate overriding the instruments\' (e.g. 0.001)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l taker-fee -d 'Paper: taker fee rate overriding the instruments\'' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l book-type -d 'Paper: the matching engines\' order book, L1_MBP (default: top of book from quotes, trades and bars) or L2_MBP (price levels from depth snapshots pushed with `market push --bids ... --asks ...`)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l reset -d 'Paper: recreate the account with the starting balances (refused while orders or positions are open)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from connect" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Connect a venue: paper (simulated on Nautilus\'s matching engine), testnet or live (Binance Spot)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand venue; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -f -a "define" -d 'Define (or replace) a named strategy in the strategy language: parameters, indicators, rules, orders and exits'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -f -a "show" -d 'Show a strategy: its definition (the canonical JSON of the document), version, content hash, parameters and, for a stored one, every version kept'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -f -a "validate" -d 'Check a strategy definition without storing it: parse, type-check, bind the parameters, and run it on a sample of data (the newest bars of an instrument in the catalog) through the backtest engine, reporting the orders it would have placed'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -f -a "delete" -d 'Delete a stored strategy definition (every version)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -f -a "configure" -d 'Attach a strategy (a built-in or a stored definition) to the node: it trades an instrument on the paper market\'s bars as the market advances (`node advance`), through the node\'s order path, with its own orders and position'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -f -a "step" -d 'Run the strategies attached to venues in testnet or live mode on the bars their venue has closed since they last traded (its klines, oldest first): each bar\'s decisions go through the node\'s order path to the venue (risk limits, the kill switch, the journal), one bar at a time'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -f -a "stop" -d 'Stop a strategy attached to the node: it no longer trades; its open orders are cancelled and, with close_position, its position is closed at market'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -f -a "list" -d 'List the built-in and stored strategies with their parameters as JSON schema'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and not __fish_seen_subcommand_from define show validate delete configure step stop list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from define" -l file -d 'A file holding the definition, TOML or JSON (over MCP a path on the server, which needs the admin scope; send `definition` instead)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from define" -l definition -d 'The definition: a JSON object with parameters, constraints, indicators, rules, orders and exits (the document a TOML file holds). On the CLI, its JSON or TOML text' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from define" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from define" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from define" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from define" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from define" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from define" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from define" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from define" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from define" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from define" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from define" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from define" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from define" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from show" -l strategy-version -d 'A stored definition\'s version (default: the latest)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from show" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from show" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from show" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from show" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from show" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from show" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from show" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from show" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from show" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from show" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from show" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l file -d 'A file holding the definition, TOML or JSON (over MCP a path on the server, which needs the admin scope; send `definition` instead)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l definition -d 'The definition: a JSON object with parameters, constraints, indicators, rules, orders and exits (the document a TOML file holds). On the CLI, its JSON or TOML text' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l param -d 'Parameter values to check it with, e.g. {"fast": 5}; on the CLI NAME=VALUE, repeated' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l bars -d 'Bars in the sample run when no start is given: the newest ones of the first instrument\'s finest bars (default 5000)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l max-orders -d 'Orders listed (default 100; the counts cover all)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l instrument -l instruments -d 'Instruments to trade, SYMBOL.VENUE (repeat the flag or separate with commas)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l start -l start-date -d 'Start of the backtest, ISO-8601 or YYYY-MM-DD (UTC). Default: the start of the data' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l end -l end-date -d 'End of the backtest, inclusive; a bare date means the end of that day. Default: the end of the data' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l capital -d 'Starting balance per currency, e.g. {"USD": 100000}; on the CLI CURRENCY=AMOUNT. Default: 100000 in the first instrument\'s settlement currency. At most what the engine books exactly: 2^51 / 10^precision of the currency (22517998 USDT)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l data-source -d 'Where the bars come from: `catalog` (imported or generated data, the default) or `local_csv` (bars imported from local CSV files; with `data_path`, that file is imported into the catalog before each run)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l data -d 'A CSV file of bars for the first instrument, imported before the run (local_csv)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l bar-spec -d 'Bars to trade on, e.g. 1-MINUTE-LAST. Default: the finest bars stored for the instrument' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l oms-type -d 'Order management: NETTING (default) or HEDGING (a reversal then closes the open position and opens a new one: two orders where NETTING sends one)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l account-type -d 'Account type: MARGIN (default) or CASH' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l base-currency -d 'A single base currency for the account; it must be the currency the instruments settle in (default: one balance per currency)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l leverage -d 'Default leverage of a margin account (default 10)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l fee-model -d 'Fees: `maker_taker` (the instrument\'s rates, default), `fixed` (commission per fill) or `none`' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l commission -d 'Commission per fill for the fixed fee model, in the currency the instruments settle in, e.g. "1.50 USDT"' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l fill-model -d 'Fills: `best_price` (default: market and stop orders fill completely at the best price the bar path offers) or `volume` (Nautilus\'s volume-limited fills: each price point of a bar offers a quarter of its volume)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l prob-fill-on-limit -d 'Probability (0-1) that a limit order at the touch fills (default 1)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l prob-slippage -d 'Probability (0-1) of one tick of slippage on aggressive fills (default 0)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l fill-seed -d 'Seed of the fill model\'s random draws' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from delete" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from delete" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from delete" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from delete" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from delete" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from delete" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from delete" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from delete" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from delete" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from delete" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -l strategy -l strategy-id -d 'A built-in strategy or a stored definition\'s name (see list_strategies)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -l instrument -l instrument-id -d 'Instrument to trade, SYMBOL.VENUE (on a connected venue)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -l param -d 'Strategy parameters, e.g. {"fast_period": 10, "slow_period": 30, "trade_size": 0.1}' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -l bar-spec -d 'Bars to trade on, e.g. 1-MINUTE-LAST (default: the finest bars in the catalog)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from configure" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from step" -l instance-id -d 'Only this instance (default: every running strategy on a venue in testnet or live mode)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from step" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from step" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from step" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from step" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from step" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from step" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from step" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from step" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from step" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from step" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from step" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from step" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from step" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from stop" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from stop" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from stop" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from stop" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from stop" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from stop" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from stop" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from stop" -l close-position -d 'Also close the strategy\'s position with a market order (on a hedging venue, each of its positions)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from stop" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from stop" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from stop" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from stop" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from list" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from list" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from list" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from list" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from list" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from list" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from list" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from list" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from list" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "define" -d 'Define (or replace) a named strategy in the strategy language: parameters, indicators, rules, orders and exits'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a strategy: its definition (the canonical JSON of the document), version, content hash, parameters and, for a stored one, every version kept'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check a strategy definition without storing it: parse, type-check, bind the parameters, and run it on a sample of data (the newest bars of an instrument in the catalog) through the backtest engine, reporting the orders it would have placed'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a stored strategy definition (every version)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "configure" -d 'Attach a strategy (a built-in or a stored definition) to the node: it trades an instrument on the paper market\'s bars as the market advances (`node advance`), through the node\'s order path, with its own orders and position'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "step" -d 'Run the strategies attached to venues in testnet or live mode on the bars their venue has closed since they last traded (its klines, oldest first): each bar\'s decisions go through the node\'s order path to the venue (risk limits, the kill switch, the journal), one bar at a time'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop a strategy attached to the node: it no longer trades; its open orders are cancelled and, with close_position, its position is closed at market'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the built-in and stored strategies with their parameters as JSON schema'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand strategy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -f -a "submit-market" -d 'Submit a market order: fills at once against the venue\'s book (the paper market\'s last quote or price)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -f -a "submit-limit" -d 'Submit a limit order: rests on the book until the market reaches its price'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -f -a "submit-stop" -d 'Submit a stop order: stop-market, or stop-limit when a limit price is given'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -f -a "preview" -d 'Preview an order without sending or journaling anything: every check a submission runs (instrument rules, the node\'s risk limits and trading state, balances and margin as Nautilus\'s account computes them), and the answer it would get: accepted or the exact refusal; the expected fills against the current book (L2 levels where the venue has them), commission, notional, balances and margin after, the position after, and for an order with a stop the loss at the stop'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -f -a "cancel" -d 'Cancel an open order'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -f -a "modify" -d 'Modify an open order\'s price, trigger price or quantity'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -f -a "cancel-all" -d 'Cancel every open order of an instrument (optionally one side)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -f -a "status" -d 'Get an order\'s status: status, filled quantity, average price, and every event with its time'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -f -a "list" -d 'List orders, newest first: open, closed or all, filtered by venue, instrument, side or strategy'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and not __fish_seen_subcommand_from submit-market submit-limit submit-stop preview cancel modify cancel-all status list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l instrument -l instrument-id -d 'Instrument, SYMBOL.VENUE (e.g. BTCUSDT.BINANCE)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l side -d 'BUY or SELL' -r -f -a "BUY\t''
SELL\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l quantity -d 'Quantity in the instrument\'s units (exact; must fit its size increment)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l venue -d 'Venue (optional; must match the instrument\'s)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l order-id -l client-order-id -d 'Client order id (default: a fresh unique id). Submitting again with an existing id returns that order instead of placing a second one, so give one to make retries safe' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l position-id -d 'Hedging venues: the open position this order trades against, e.g. to close it (see get_positions); without one, every entry opens a position of its own' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l time-in-force -d 'GTC (default), IOC or FOK' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l stop-loss -d 'Bracket: stop-loss trigger price; with take_profit the entry carries two exits that cancel each other (OCO)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l take-profit -d 'Bracket: take-profit limit price' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l reduce-only -d 'Only reduce an open position'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-market" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l instrument -l instrument-id -d 'Instrument, SYMBOL.VENUE (e.g. BTCUSDT.BINANCE)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l side -d 'BUY or SELL' -r -f -a "BUY\t''
SELL\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l quantity -d 'Quantity in the instrument\'s units (exact; must fit its size increment)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l venue -d 'Venue (optional; must match the instrument\'s)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l order-id -l client-order-id -d 'Client order id (default: a fresh unique id). Submitting again with an existing id returns that order instead of placing a second one, so give one to make retries safe' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l position-id -d 'Hedging venues: the open position this order trades against, e.g. to close it (see get_positions); without one, every entry opens a position of its own' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l price -d 'Limit price (exact; must fit the instrument\'s tick)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l time-in-force -d 'GTC, IOC, FOK or GTD (default: the config\'s trading.time_in_force, else GTC)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l expire-time -d 'Expiry of a GTD order (ISO-8601, UTC)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l stop-loss -d 'Bracket: stop-loss trigger price; with take_profit the entry carries two exits that cancel each other (OCO)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l take-profit -d 'Bracket: take-profit limit price' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l reduce-only -d 'Only reduce an open position'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l post-only -d 'Only add liquidity: rejected if it would fill at once'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-limit" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l instrument -l instrument-id -d 'Instrument, SYMBOL.VENUE (e.g. BTCUSDT.BINANCE)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l side -d 'BUY or SELL' -r -f -a "BUY\t''
SELL\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l quantity -d 'Quantity in the instrument\'s units (exact; must fit its size increment)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l venue -d 'Venue (optional; must match the instrument\'s)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l order-id -l client-order-id -d 'Client order id (default: a fresh unique id). Submitting again with an existing id returns that order instead of placing a second one, so give one to make retries safe' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l position-id -d 'Hedging venues: the open position this order trades against, e.g. to close it (see get_positions); without one, every entry opens a position of its own' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l trigger-price -d 'Trigger price (a trailing stop\'s first trigger; without it, trailing_offset from the market)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l price -d 'Limit price after triggering (makes it a stop-limit order)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l time-in-force -d 'GTC, IOC, FOK or GTD (default: the config\'s trading.time_in_force, else GTC)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l expire-time -d 'Expiry of a GTD order (ISO-8601, UTC)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l trailing-offset -d 'Trailing stop: the trigger follows the market at this distance, only ever towards it (on paper through Nautilus\'s trailing-stop orders; on Binance as a STOP_LOSS with its trailingDelta: BASIS_POINTS, a whole number within the symbol\'s TRAILING_DELTA filter, no trigger_price, no limit_offset). Without trigger_price it starts this far from the market' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l trailing-offset-type -d 'PRICE (default) or BASIS_POINTS' -r -f -a "PRICE\t'In price units of the instrument\'s quote currency'
BASIS_POINTS\t'In basis points (1/100 of a percent) of the market price'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l limit-offset -d 'Trailing stop-limit: the limit price follows the trigger at this distance (beyond it: below for a SELL, above for a BUY)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l reduce-only -d 'Only reduce an open position'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l if-touched -d 'A take-profit: trigger when the market reaches trigger_price from the other side'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from submit-stop" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l type -d 'Which submission: market, limit or stop' -r -f -a "market\t'submit_market_order'
limit\t'submit_limit_order'
stop\t'submit_stop_order'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l instrument -l instrument-id -d 'Instrument, SYMBOL.VENUE (e.g. BTCUSDT.BINANCE)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l side -d 'BUY or SELL' -r -f -a "BUY\t''
SELL\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l quantity -d 'Quantity in the instrument\'s units (exact; must fit its size increment)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l venue -d 'Venue (optional; must match the instrument\'s)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l order-id -l client-order-id -d 'Client order id (default: a fresh unique id). Submitting again with an existing id returns that order instead of placing a second one, so give one to make retries safe' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l position-id -d 'Hedging venues: the open position this order trades against, e.g. to close it (see get_positions); without one, every entry opens a position of its own' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l price -d 'Limit price (limit orders; a stop\'s limit after triggering)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l trigger-price -d 'Trigger price (stop orders)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l time-in-force -d 'GTC, IOC, FOK or GTD (limit and stop), GTC, IOC or FOK (market)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l expire-time -d 'Expiry of a GTD order (ISO-8601, UTC)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l stop-loss -d 'Bracket: stop-loss trigger price; with take_profit the entry carries two exits that cancel each other (OCO)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l take-profit -d 'Bracket: take-profit limit price' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l trailing-offset -d 'Trailing stop: the trigger follows the market at this distance, only ever towards it (on paper through Nautilus\'s trailing-stop orders; on Binance as a STOP_LOSS with its trailingDelta: BASIS_POINTS, a whole number within the symbol\'s TRAILING_DELTA filter, no trigger_price, no limit_offset). Without trigger_price it starts this far from the market' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l trailing-offset-type -d 'PRICE (default) or BASIS_POINTS' -r -f -a "PRICE\t'In price units of the instrument\'s quote currency'
BASIS_POINTS\t'In basis points (1/100 of a percent) of the market price'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l limit-offset -d 'Trailing stop-limit: the limit price follows the trigger at this distance (beyond it: below for a SELL, above for a BUY)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l reduce-only -d 'Only reduce an open position'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l post-only -d 'Limit orders: only add liquidity'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l if-touched -d 'Stop orders: a take-profit (market- or limit-if-touched)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from preview" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel" -l venue -d 'Venue (optional)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -l venue -d 'Venue (optional)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -l price -d 'New limit price' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -l trigger-price -d 'New trigger price (stop orders)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -l quantity -d 'New quantity (not below what is filled)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from modify" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel-all" -l instrument -l instrument-id -d 'Instrument, SYMBOL.VENUE' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel-all" -l side -d 'Only BUY or SELL orders' -r -f -a "BUY\t''
SELL\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel-all" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel-all" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel-all" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel-all" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel-all" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel-all" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel-all" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel-all" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel-all" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel-all" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel-all" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel-all" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from cancel-all" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from status" -l venue -d 'Venue (optional)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from status" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from status" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from status" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from status" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from status" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from status" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from status" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from status" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from status" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from status" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from status" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l status -d 'open (default), closed or all' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l venue -d 'Only this venue' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l instrument -l instrument-id -d 'Only this instrument' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l side -d 'Only BUY or SELL' -r -f -a "BUY\t''
SELL\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l strategy-id -d 'Only orders of this strategy (e.g. MANUAL-001)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l limit -d 'Most orders to list (1 to 10000)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l detail -d 'summary (the MCP default): the first 10 orders; full (the CLI default): up to limit' -r -f -a "summary\t'The headline figures and the first page; `truncated` says what was left out'
full\t'Everything asked for'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l cursor -d 'Go on from an earlier answer: its next_cursor' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l watch -d 'Redraw this view in place every SECONDS (default 2) until Ctrl-C, following the paper market or the venue' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "submit-market" -d 'Submit a market order: fills at once against the venue\'s book (the paper market\'s last quote or price)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "submit-limit" -d 'Submit a limit order: rests on the book until the market reaches its price'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "submit-stop" -d 'Submit a stop order: stop-market, or stop-limit when a limit price is given'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "preview" -d 'Preview an order without sending or journaling anything: every check a submission runs (instrument rules, the node\'s risk limits and trading state, balances and margin as Nautilus\'s account computes them), and the answer it would get: accepted or the exact refusal; the expected fills against the current book (L2 levels where the venue has them), commission, notional, balances and margin after, the position after, and for an order with a stop the loss at the stop'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel an open order'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "modify" -d 'Modify an open order\'s price, trigger price or quantity'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "cancel-all" -d 'Cancel every open order of an instrument (optionally one side)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "status" -d 'Get an order\'s status: status, filled quantity, average price, and every event with its time'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "list" -d 'List orders, newest first: open, closed or all, filtered by venue, instrument, side or strategy'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and not __fish_seen_subcommand_from info help" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and not __fish_seen_subcommand_from info help" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and not __fish_seen_subcommand_from info help" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and not __fish_seen_subcommand_from info help" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and not __fish_seen_subcommand_from info help" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and not __fish_seen_subcommand_from info help" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and not __fish_seen_subcommand_from info help" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and not __fish_seen_subcommand_from info help" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and not __fish_seen_subcommand_from info help" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and not __fish_seen_subcommand_from info help" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and not __fish_seen_subcommand_from info help" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and not __fish_seen_subcommand_from info help" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and not __fish_seen_subcommand_from info help" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and not __fish_seen_subcommand_from info help" -f -a "info" -d 'Get a venue\'s account: balances, margins, equity, PnL and commission paid'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and not __fish_seen_subcommand_from info help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from info" -l venue -d 'Venue (default: the config\'s default venue)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from info" -l watch -d 'Redraw this view in place every SECONDS (default 2) until Ctrl-C, following the paper market or the venue' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from info" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from info" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from info" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from info" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from info" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from info" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from info" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from info" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from info" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from info" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from info" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "info" -d 'Get a venue\'s account: balances, margins, equity, PnL and commission paid'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -f -a "list" -d 'Get the positions of a venue (optionally one instrument): side, quantity, average entry, mark price, unrealized and realized PnL, opened time and duration'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -f -a "risk" -d 'Get the risk of positions and of the account: notional exposure, share of equity, leverage, initial and maintenance margin, liquidation price (margin accounts), distance to the protecting stop, and historical one-day 95% VaR and expected shortfall from the catalog\'s bars of each instrument (method and window stated)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and not __fish_seen_subcommand_from list risk help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -l venue -d 'Venue (default: the config\'s default venue)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -l instrument -l instrument-id -d 'Only this instrument, SYMBOL.VENUE' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -l watch -d 'Redraw this view in place every SECONDS (default 2) until Ctrl-C, following the paper market or the venue' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -l include-closed -d 'Include closed position cycles'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from risk" -l venue -d 'Venue (default: the config\'s default venue)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from risk" -l instrument -l instrument-id -d 'Only this instrument, SYMBOL.VENUE' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from risk" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from risk" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from risk" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from risk" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from risk" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from risk" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from risk" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from risk" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from risk" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from risk" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from risk" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from risk" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from risk" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from help" -f -a "list" -d 'Get the positions of a venue (optionally one instrument): side, quantity, average entry, mark price, unrealized and realized PnL, opened time and duration'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from help" -f -a "risk" -d 'Get the risk of positions and of the account: notional exposure, share of equity, leverage, initial and maintenance margin, liquidation price (margin accounts), distance to the protecting stop, and historical one-day 95% VaR and expected shortfall from the catalog\'s bars of each instrument (method and window stated)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand position; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -f -a "instruments" -d 'Get the instruments of a venue: ids, type, asset class, base, quote and settlement currencies, price and size precisions and increments, multiplier and lot size, min/max quantity and notional, maker and taker fees (a connected paper venue\'s overrides applied), margins, expiry, and the catalog data held for each'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -f -a "book" -d 'Get the order book of an instrument: bids and asks with sizes, best bid and ask, spread, mid and imbalance'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -f -a "ticker" -d 'Get the ticker of an instrument: the last price, bid and ask with sizes from the paper venue\'s market, and the open, high, low, close, volume and change over a window (default 24h) ending at the market clock, from the catalog\'s finest bars of the instrument'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -f -a "trades" -d 'Get recent trades of an instrument: time, price, size, aggressor side and trade id, oldest first: the newest `limit` trades between `start` and `end`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -f -a "bars" -d 'Get the bars of an instrument over a range: open time, open, high, low, close and volume, exact to the instrument\'s precision'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -f -a "push" -d 'Push a quote (bid and ask), a trade, or a depth snapshot into the paper market of a venue'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and not __fish_seen_subcommand_from instruments book ticker trades bars push help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -l venue -d 'Venue, e.g. BINANCE (default: every venue)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -l symbol-filter -l symbol -d 'Only symbols containing this text, case-insensitive (e.g. BTC)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -l asset-class -d 'Only this asset class: FX, EQUITY, COMMODITY, DEBT, INDEX, CRYPTOCURRENCY or ALTERNATIVE' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from instruments" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -l instrument -l instrument-id -d 'Instrument, SYMBOL.VENUE, e.g. BTCUSDT.BINANCE' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -l depth -d 'Levels per side, 1 to 100 (default 10)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -l watch -d 'Redraw this view in place every SECONDS (default 2) until Ctrl-C, following the paper market or the venue' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from book" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -l instrument -l instrument-id -d 'Instrument, SYMBOL.VENUE, e.g. BTCUSDT.BINANCE' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -l window -d 'Statistics window: a number and a unit m, h, d or w, e.g. 30m, 4h, 24h, 7d (default 24h, at most 366d)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -l watch -d 'Redraw this view in place every SECONDS (default 2) until Ctrl-C, following the paper market or the venue' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from ticker" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l instrument -l instrument-id -d 'Instrument, SYMBOL.VENUE, e.g. BTCUSDT.BINANCE' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l limit -d 'Most trades to return, 1 to 10000 (default 100)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l start -d 'Only trades at or after this time (ISO-8601 or epoch)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l end -d 'Only trades at or before this time (a bare date means the end of that day)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l source -d 'live, paper or catalog (default: live for a venue connected in testnet or live mode, else paper when the paper market has trades of the instrument, else catalog)' -r -f -a "paper\t'Trades pushed into the paper venue\'s market (`market push --last`)'
catalog\t'Trade ticks imported into the catalog (`data import FILE --kind trades`)'
live\t'The venue\'s most recent public trades (a venue connected in testnet or live mode)'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l watch -d 'Redraw this view in place every SECONDS (default 2) until Ctrl-C, following the paper market or the venue' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from trades" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l instrument -l instrument-id -d 'Instrument, SYMBOL.VENUE, e.g. BTCUSDT.BINANCE' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l bar-spec -d 'Bar specification STEP-UNIT-PRICE, e.g. 1-MINUTE-LAST, 15-MINUTE-LAST, 1-HOUR-LAST, 1-DAY-LAST (default: the finest stored; 1-MINUTE-LAST from a venue)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l start -d 'Only bars opening at or after this time (ISO-8601 or epoch)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l end -d 'Only bars opening at or before this time (a bare date means the end of that day)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l limit -d 'Most bars, 1 to 1000000 (default 1000; a CSV export takes all unless limited)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l csv -d 'Write the bars to this CSV file (open_time, open, high, low, close, volume; importable with `data import`) instead of returning them' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l source -d 'live or catalog (default: live for a venue connected in testnet or live mode, else catalog)' -r -f -a "catalog\t'Bars stored in the catalog (imported or generated), resampled on request'
live\t'The venue\'s own bars (klines), for a venue connected in testnet or live mode'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l chart -d 'Draw the closes as a line chart above the table'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from bars" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l instrument -l instrument-id -d 'Instrument, SYMBOL.VENUE' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l bid -d 'Quote: best bid price' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l ask -d 'Quote: best ask price' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l bid-size -d 'Quote: size at the bid (default: the instrument\'s maximum or 1000000)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l ask-size -d 'Quote: size at the ask' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l last -d 'Trade: price' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l size -d 'Trade: size (default 1)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l aggressor -d 'Trade: aggressor side, BUY or SELL' -r -f -a "BUY\t''
SELL\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l bids -d 'Depth snapshot: bid levels, PRICE:SIZE,... (MCP: [[price, size], ...]), any order' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l asks -d 'Depth snapshot: ask levels, PRICE:SIZE,... (MCP: [[price, size], ...])' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l depth-file -d 'Depth snapshot from a file on the server holding a Binance depth REST body (GET /api/v3/depth: lastUpdateId, bids, asks); instead of bids and asks. Naming a file needs the admin scope' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l ts -d 'Time of the data, never before the market clock (default: 1 ms after the market clock, so pushes interleave with a replay of the catalog; now when the market has no time yet)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from help" -f -a "instruments" -d 'Get the instruments of a venue: ids, type, asset class, base, quote and settlement currencies, price and size precisions and increments, multiplier and lot size, min/max quantity and notional, maker and taker fees (a connected paper venue\'s overrides applied), margins, expiry, and the catalog data held for each'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from help" -f -a "book" -d 'Get the order book of an instrument: bids and asks with sizes, best bid and ask, spread, mid and imbalance'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from help" -f -a "ticker" -d 'Get the ticker of an instrument: the last price, bid and ask with sizes from the paper venue\'s market, and the open, high, low, close, volume and change over a window (default 24h) ending at the market clock, from the catalog\'s finest bars of the instrument'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from help" -f -a "trades" -d 'Get recent trades of an instrument: time, price, size, aggressor side and trade id, oldest first: the newest `limit` trades between `start` and `end`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from help" -f -a "bars" -d 'Get the bars of an instrument over a range: open time, open, high, low, close and volume, exact to the instrument\'s precision'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push a quote (bid and ask), a trade, or a depth snapshot into the paper market of a venue'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand market; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -f -a "configure" -d 'Create (or replace) a named backtest configuration: instruments, date range, initial capital per currency, data source, and the simulated venue (OMS type, account type, base currency, leverage, fee and fill models)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -f -a "add-instruments" -d 'Add instruments to a stored backtest configuration'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -f -a "set-range" -d 'Set the date range of a stored backtest configuration'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -f -a "run" -d 'Run a strategy (a built-in or a stored definition) on the NautilusTrader BacktestEngine (simulated venue, Nautilus order matching, risk and portfolio) and store the result under a new run id'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -f -a "results" -d 'Get the results of a backtest run: PnL and PnL% per currency, returns volatility, Sharpe, Sortino, max drawdown, CAGR, Calmar, profit factor, win rate, expectancy, winners and losers, long ratio; order, fill and position counts; elapsed time and bars per second; and the equity curve at the requested resolution'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -f -a "trades" -d 'Analyse the round trips of a backtest run: entry/exit time and price, side, quantity, realized PnL, return, duration and commission, filtered, with aggregates by side, weekday and hour, and winning/losing streaks'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -f -a "list" -d 'List stored backtest runs, newest first, with their headline results, and the stored configurations'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -f -a "sweep" -d 'Run a grid of strategy parameters and rank the combinations by a statistic'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -f -a "walk-forward" -d 'Walk-forward: optimise the grid on each in-sample window and run its best combination on the out-of-sample window after it'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -f -a "monte-carlo" -d 'Monte Carlo robustness of a stored run: N resamples (seeded, reproducible) by reshuffling its round trips, drawing them with replacement, or resampling its bars\' returns in blocks and re-running the strategy; the distributions of final PnL, maximum drawdown, Sharpe ratio and longest losing streak as percentiles (5/25/50/75/95), the probability of a loss and of a drawdown beyond a threshold, and a histogram of final PnL'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -f -a "study" -d 'Get a stored study by its id: a sweep (SW-...), a walk-forward (WF-...) or a Monte Carlo simulation (MC-...), as its operation returned it'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and not __fish_seen_subcommand_from configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l name -d 'Configuration name (default "default")' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l instrument -l instruments -d 'Instruments to trade, SYMBOL.VENUE (repeat the flag or separate with commas)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l start -l start-date -d 'Start of the backtest, ISO-8601 or YYYY-MM-DD (UTC). Default: the start of the data' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l end -l end-date -d 'End of the backtest, inclusive; a bare date means the end of that day. Default: the end of the data' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l capital -d 'Starting balance per currency, e.g. {"USD": 100000}; on the CLI CURRENCY=AMOUNT. Default: 100000 in the first instrument\'s settlement currency. At most what the engine books exactly: 2^51 / 10^precision of the currency (22517998 USDT)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l data-source -d 'Where the bars come from: `catalog` (imported or generated data, the default) or `local_csv` (bars imported from local CSV files; with `data_path`, that file is imported into the catalog before each run)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l data -d 'A CSV file of bars for the first instrument, imported before the run (local_csv)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l bar-spec -d 'Bars to trade on, e.g. 1-MINUTE-LAST. Default: the finest bars stored for the instrument' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l oms-type -d 'Order management: NETTING (default) or HEDGING (a reversal then closes the open position and opens a new one: two orders where NETTING sends one)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l account-type -d 'Account type: MARGIN (default) or CASH' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l base-currency -d 'A single base currency for the account; it must be the currency the instruments settle in (default: one balance per currency)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l leverage -d 'Default leverage of a margin account (default 10)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l fee-model -d 'Fees: `maker_taker` (the instrument\'s rates, default), `fixed` (commission per fill) or `none`' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l commission -d 'Commission per fill for the fixed fee model, in the currency the instruments settle in, e.g. "1.50 USDT"' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l fill-model -d 'Fills: `best_price` (default: market and stop orders fill completely at the best price the bar path offers) or `volume` (Nautilus\'s volume-limited fills: each price point of a bar offers a quarter of its volume)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l prob-fill-on-limit -d 'Probability (0-1) that a limit order at the touch fills (default 1)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l prob-slippage -d 'Probability (0-1) of one tick of slippage on aggressive fills (default 0)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l fill-seed -d 'Seed of the fill model\'s random draws' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from configure" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from add-instruments" -l name -d 'Configuration name (default "default")' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from add-instruments" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from add-instruments" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from add-instruments" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from add-instruments" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from add-instruments" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from add-instruments" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from add-instruments" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from add-instruments" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from add-instruments" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from add-instruments" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from add-instruments" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from add-instruments" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from add-instruments" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -l start -l start-date -d 'Start, ISO-8601 or YYYY-MM-DD (UTC)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -l end -l end-date -d 'End, inclusive; a bare date means the end of that day' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -l name -d 'Configuration name (default "default")' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from set-range" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l strategy -l strategy-id -d 'Strategy: a built-in (MovingAverageCrossover, RsiMeanReversion, BollingerBreakout, DonchianBreakout, BuyAndHold, EmaCrossTrailing, TrendPullbackLimit, SessionMomentum, MacdRsiConfluence, HigherTimeframeTrend) or a stored definition\'s name (see list_strategies)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l param -d 'Strategy parameters, e.g. {"fast_period": 10, "slow_period": 30}; on the CLI NAME=VALUE, repeated' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l name -d 'Stored configuration to run (default: the most recently changed one)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l engine -d 'Evaluator: auto (default: the fast path when it reproduces the run exactly, else NautilusTrader\'s engine), fast (fail if it cannot), or nautilus (force the engine). The result\'s `engine` says which ran' -r -f -a "auto\t'The fast path when it reproduces the run exactly, else NautilusTrader\'s engine'
fast\t'The fast path only (an error names what it cannot reproduce)'
nautilus\t'NautilusTrader\'s BacktestEngine'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l instrument -l instruments -d 'Instruments to trade, SYMBOL.VENUE (repeat the flag or separate with commas)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l start -l start-date -d 'Start of the backtest, ISO-8601 or YYYY-MM-DD (UTC). Default: the start of the data' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l end -l end-date -d 'End of the backtest, inclusive; a bare date means the end of that day. Default: the end of the data' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l capital -d 'Starting balance per currency, e.g. {"USD": 100000}; on the CLI CURRENCY=AMOUNT. Default: 100000 in the first instrument\'s settlement currency. At most what the engine books exactly: 2^51 / 10^precision of the currency (22517998 USDT)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l data-source -d 'Where the bars come from: `catalog` (imported or generated data, the default) or `local_csv` (bars imported from local CSV files; with `data_path`, that file is imported into the catalog before each run)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l data -d 'A CSV file of bars for the first instrument, imported before the run (local_csv)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l bar-spec -d 'Bars to trade on, e.g. 1-MINUTE-LAST. Default: the finest bars stored for the instrument' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l oms-type -d 'Order management: NETTING (default) or HEDGING (a reversal then closes the open position and opens a new one: two orders where NETTING sends one)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l account-type -d 'Account type: MARGIN (default) or CASH' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l base-currency -d 'A single base currency for the account; it must be the currency the instruments settle in (default: one balance per currency)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l leverage -d 'Default leverage of a margin account (default 10)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l fee-model -d 'Fees: `maker_taker` (the instrument\'s rates, default), `fixed` (commission per fill) or `none`' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l commission -d 'Commission per fill for the fixed fee model, in the currency the instruments settle in, e.g. "1.50 USDT"' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l fill-model -d 'Fills: `best_price` (default: market and stop orders fill completely at the best price the bar path offers) or `volume` (Nautilus\'s volume-limited fills: each price point of a bar offers a quarter of its volume)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l prob-fill-on-limit -d 'Probability (0-1) that a limit order at the touch fills (default 1)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l prob-slippage -d 'Probability (0-1) of one tick of slippage on aggressive fills (default 0)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l fill-seed -d 'Seed of the fill model\'s random draws' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l plot -d 'A chart: `svg`/`png` inline, or a .svg/.png file (admin over MCP)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -l resolution -d 'Equity curve resolution: 1m, 5m, 15m, 30m, 1h, 4h, 1d or 1w (default: at most ~500 points). Must not be finer than the recorded resolution' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -l detail -d 'summary (the MCP default): an equity curve of at most 100 points unless a resolution is given; full (the CLI default): at most ~500' -r -f -a "summary\t'The headline figures and the first page; `truncated` says what was left out'
full\t'Everything asked for'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -l no-equity -d 'Leave out the equity curve'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from results" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l side -d 'Only LONG or SHORT round trips' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l instrument -l instrument-id -d 'Only this instrument (SYMBOL.VENUE)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l outcome -d 'Only winners (`win`) or losers (`loss`)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l min-pnl -d 'Only round trips with realized PnL at least this' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l max-pnl -d 'Only round trips with realized PnL at most this' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l start -d 'Only round trips entered at or after this time' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l end -d 'Only round trips entered at or before this time' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l limit -d 'Round trips listed in the response (default 50; the aggregates use all)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l csv -d 'Write every matching round trip to this CSV file' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l detail -d 'summary (the MCP default): at most 10 round trips listed; full (the CLI default): up to limit' -r -f -a "summary\t'The headline figures and the first page; `truncated` says what was left out'
full\t'Everything asked for'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from trades" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -l limit -d 'Most runs to list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -l strategy -l strategy-id -d 'Only runs of this strategy' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -l cursor -d 'Go on from an earlier answer: its next_cursor' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l strategy -l strategy-id -d 'Strategy (see list_strategies)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l grid -d 'Values to try per parameter, e.g. {"fast_period": [5, 10, 20], "slow_period": [30, 50]}; on the CLI NAME=V1,V2,... repeated' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l param -d 'Parameters held fixed for every run' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l where -d 'Keep only the combinations for which this holds, e.g. "fast_period < slow_period" (arithmetic, comparisons, && || ! over parameter names). Combinations the strategy refuses (fast_period >= slow_period) are skipped and counted either way' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l engine -d 'Evaluator: auto (default: the fast path when it reproduces the runs exactly), fast, or nautilus (every run on NautilusTrader\'s engine)' -r -f -a "auto\t'The fast path when it reproduces the run exactly, else NautilusTrader\'s engine'
fast\t'The fast path only (an error names what it cannot reproduce)'
nautilus\t'NautilusTrader\'s BacktestEngine'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l threads -d 'Threads (default: the number of cores)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l name -d 'Stored configuration to run (default: the most recently changed one)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l instrument -l instruments -d 'Instruments to trade, SYMBOL.VENUE (repeat the flag or separate with commas)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l start -l start-date -d 'Start of the backtest, ISO-8601 or YYYY-MM-DD (UTC). Default: the start of the data' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l end -l end-date -d 'End of the backtest, inclusive; a bare date means the end of that day. Default: the end of the data' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l capital -d 'Starting balance per currency, e.g. {"USD": 100000}; on the CLI CURRENCY=AMOUNT. Default: 100000 in the first instrument\'s settlement currency. At most what the engine books exactly: 2^51 / 10^precision of the currency (22517998 USDT)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l data-source -d 'Where the bars come from: `catalog` (imported or generated data, the default) or `local_csv` (bars imported from local CSV files; with `data_path`, that file is imported into the catalog before each run)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l data -d 'A CSV file of bars for the first instrument, imported before the run (local_csv)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l bar-spec -d 'Bars to trade on, e.g. 1-MINUTE-LAST. Default: the finest bars stored for the instrument' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l oms-type -d 'Order management: NETTING (default) or HEDGING (a reversal then closes the open position and opens a new one: two orders where NETTING sends one)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l account-type -d 'Account type: MARGIN (default) or CASH' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l base-currency -d 'A single base currency for the account; it must be the currency the instruments settle in (default: one balance per currency)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l leverage -d 'Default leverage of a margin account (default 10)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l fee-model -d 'Fees: `maker_taker` (the instrument\'s rates, default), `fixed` (commission per fill) or `none`' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l commission -d 'Commission per fill for the fixed fee model, in the currency the instruments settle in, e.g. "1.50 USDT"' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l fill-model -d 'Fills: `best_price` (default: market and stop orders fill completely at the best price the bar path offers) or `volume` (Nautilus\'s volume-limited fills: each price point of a bar offers a quarter of its volume)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l prob-fill-on-limit -d 'Probability (0-1) that a limit order at the touch fills (default 1)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l prob-slippage -d 'Probability (0-1) of one tick of slippage on aggressive fills (default 0)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l fill-seed -d 'Seed of the fill model\'s random draws' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l rank-by -d 'Statistic to rank by: pnl_pct (default), sharpe_ratio, sortino_ratio, calmar_ratio, cagr, profit_factor, win_rate, expectancy or max_drawdown. PnL statistics are those of the currency equity is measured in (the response\'s `ranked_in`)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l confirm -d 'Re-run the best K combinations on NautilusTrader\'s engine and compare them with the fast path\'s results (default 1; 0 skips). A difference is an `internal` error' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l keep -d 'Keep the best N combinations as full runs (trades, equity curve), default 10' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l plot -d 'A chart: `svg`/`png` inline, or a .svg/.png file (admin over MCP)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from sweep" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l strategy -l strategy-id -d 'Strategy (see list_strategies)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l grid -d 'Values to try per parameter, e.g. {"fast_period": [5, 10, 20], "slow_period": [30, 50]}; on the CLI NAME=V1,V2,... repeated' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l param -d 'Parameters held fixed for every run' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l where -d 'Keep only the combinations for which this holds, e.g. "fast_period < slow_period" (arithmetic, comparisons, && || ! over parameter names). Combinations the strategy refuses (fast_period >= slow_period) are skipped and counted either way' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l engine -d 'Evaluator: auto (default: the fast path when it reproduces the runs exactly), fast, or nautilus (every run on NautilusTrader\'s engine)' -r -f -a "auto\t'The fast path when it reproduces the run exactly, else NautilusTrader\'s engine'
fast\t'The fast path only (an error names what it cannot reproduce)'
nautilus\t'NautilusTrader\'s BacktestEngine'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l threads -d 'Threads (default: the number of cores)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l name -d 'Stored configuration to run (default: the most recently changed one)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l instrument -l instruments -d 'Instruments to trade, SYMBOL.VENUE (repeat the flag or separate with commas)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l start -l start-date -d 'Start of the backtest, ISO-8601 or YYYY-MM-DD (UTC). Default: the start of the data' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l end -l end-date -d 'End of the backtest, inclusive; a bare date means the end of that day. Default: the end of the data' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l capital -d 'Starting balance per currency, e.g. {"USD": 100000}; on the CLI CURRENCY=AMOUNT. Default: 100000 in the first instrument\'s settlement currency. At most what the engine books exactly: 2^51 / 10^precision of the currency (22517998 USDT)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l data-source -d 'Where the bars come from: `catalog` (imported or generated data, the default) or `local_csv` (bars imported from local CSV files; with `data_path`, that file is imported into the catalog before each run)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l data -d 'A CSV file of bars for the first instrument, imported before the run (local_csv)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l bar-spec -d 'Bars to trade on, e.g. 1-MINUTE-LAST. Default: the finest bars stored for the instrument' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l oms-type -d 'Order management: NETTING (default) or HEDGING (a reversal then closes the open position and opens a new one: two orders where NETTING sends one)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l account-type -d 'Account type: MARGIN (default) or CASH' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l base-currency -d 'A single base currency for the account; it must be the currency the instruments settle in (default: one balance per currency)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l leverage -d 'Default leverage of a margin account (default 10)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l fee-model -d 'Fees: `maker_taker` (the instrument\'s rates, default), `fixed` (commission per fill) or `none`' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l commission -d 'Commission per fill for the fixed fee model, in the currency the instruments settle in, e.g. "1.50 USDT"' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l fill-model -d 'Fills: `best_price` (default: market and stop orders fill completely at the best price the bar path offers) or `volume` (Nautilus\'s volume-limited fills: each price point of a bar offers a quarter of its volume)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l prob-fill-on-limit -d 'Probability (0-1) that a limit order at the touch fills (default 1)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l prob-slippage -d 'Probability (0-1) of one tick of slippage on aggressive fills (default 0)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l fill-seed -d 'Seed of the fill model\'s random draws' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l in-sample -d 'In-sample window, e.g. 60d (units m, h, d, w)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l out-of-sample -d 'Out-of-sample window, e.g. 20d' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l step -d 'How far each window moves on (default: the out-of-sample window)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l purge -d 'A gap between each in-sample window and its out-of-sample window (default none)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l rank-by -d 'Statistic the in-sample optimisation maximises (as for sweeps; default sharpe_ratio)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l plot -d 'A chart: `svg`/`png` inline, or a .svg/.png file (admin over MCP)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l anchored -d 'Anchored: every in-sample window starts at the start of the range and grows (default: rolling windows of a fixed length)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from walk-forward" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l resamples -d 'Resamples per method (default 1000, at most 100000)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l seed -d 'Seed: the same seed gives the same resamples (default 1)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l method -d 'Methods: reshuffle, bootstrap, block (comma-separated; default reshuffle,bootstrap)' -r -f -a "reshuffle\t'The round trips in a random order (the total PnL is kept)'
bootstrap\t'As many round trips drawn with replacement'
block\t'The bars\' returns resampled in blocks of `block_bars`, the strategy re-run on the new bars through the fast path'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l block-bars -d 'Block length in bars for the block bootstrap (default 60)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l drawdown-threshold -d 'Drawdown, in percent of the peak, whose probability of being exceeded is reported (default 20)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l bins -d 'Histogram bins of final PnL (default 20)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l plot -d 'A chart: `svg`/`png` inline, or a .svg/.png file (admin over MCP)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l samples -d 'Include every resample\'s outcome in the answer'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from monte-carlo" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from study" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from study" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from study" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from study" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from study" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from study" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from study" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from study" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from study" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from study" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from study" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from study" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from study" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from help" -f -a "configure" -d 'Create (or replace) a named backtest configuration: instruments, date range, initial capital per currency, data source, and the simulated venue (OMS type, account type, base currency, leverage, fee and fill models)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from help" -f -a "add-instruments" -d 'Add instruments to a stored backtest configuration'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from help" -f -a "set-range" -d 'Set the date range of a stored backtest configuration'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a strategy (a built-in or a stored definition) on the NautilusTrader BacktestEngine (simulated venue, Nautilus order matching, risk and portfolio) and store the result under a new run id'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from help" -f -a "results" -d 'Get the results of a backtest run: PnL and PnL% per currency, returns volatility, Sharpe, Sortino, max drawdown, CAGR, Calmar, profit factor, win rate, expectancy, winners and losers, long ratio; order, fill and position counts; elapsed time and bars per second; and the equity curve at the requested resolution'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from help" -f -a "trades" -d 'Analyse the round trips of a backtest run: entry/exit time and price, side, quantity, realized PnL, return, duration and commission, filtered, with aggregates by side, weekday and hour, and winning/losing streaks'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from help" -f -a "list" -d 'List stored backtest runs, newest first, with their headline results, and the stored configurations'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from help" -f -a "sweep" -d 'Run a grid of strategy parameters and rank the combinations by a statistic'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from help" -f -a "walk-forward" -d 'Walk-forward: optimise the grid on each in-sample window and run its best combination on the out-of-sample window after it'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from help" -f -a "monte-carlo" -d 'Monte Carlo robustness of a stored run: N resamples (seeded, reproducible) by reshuffling its round trips, drawing them with replacement, or resampling its bars\' returns in blocks and re-running the strategy; the distributions of final PnL, maximum drawdown, Sharpe ratio and longest losing streak as percentiles (5/25/50/75/95), the probability of a loss and of a drawdown beyond a threshold, and a histogram of final PnL'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from help" -f -a "study" -d 'Get a stored study by its id: a sweep (SW-...), a walk-forward (WF-...) or a Monte Carlo simulation (MC-...), as its operation returned it'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand backtest; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -f -a "import" -d 'Import historical data into the catalog: OHLCV bars, quote ticks or trade ticks from CSV (generic with or without header, Binance kline and trade exports), or instrument definitions from JSON'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -f -a "list" -d 'List the catalog: every stored series with its instrument, kind, time range and rows'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -f -a "generate" -d 'Generate deterministic synthetic bars (a seeded geometric random walk with calm, normal and stressed volatility regimes) into the catalog, and optionally write them as CSV'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and not __fish_seen_subcommand_from import list generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l instrument -l instrument-id -d 'Instrument the data belongs to, SYMBOL.VENUE (required for bars, quotes and trades)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l kind -d 'What the file holds' -r -f -a "auto\t'Decide from the file: `.json` is instruments; a CSV header with bid and ask columns (no open/close) is quotes, with price and size columns trades; anything else bars'
bars\t''
quotes\t''
trades\t''
instruments\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l bar-spec -d 'Bar specification, e.g. 1-MINUTE-LAST (default: interval inferred from the timestamps)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l price-type -d 'Price type of bars when bar_spec is not given: LAST (default), BID, ASK or MID' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l ask-path -d 'An ask-side bar file paired with `path` as the bid side (e.g. FX bid/ask bars)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l format -d 'File layout' -r -f -a "auto\t'Detect from the header and column count'
generic\t'Named or positional columns (timestamp, open, high, low, close[, volume])'
binance-kline\t'Binance kline export: no header, 12 columns, epoch milliseconds'
binance-trades\t'Binance trades export: id, price, qty, quote_qty, time, is_buyer_maker[, is_best_match]'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l column -d 'Column mapping ROLE=HEADER_OR_INDEX; roles: timestamp, open, high, low, close, volume, bid, ask, bid_size, ask_size, price, size, side, trade_id' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l timestamp-at -d 'Whether bar timestamps mark the bar\'s open (default; moved to its close) or its close' -r -f -a "open\t'The timestamp is the bar\'s open; it is moved to the close (open + interval), as Nautilus expects, so that a strategy never sees a bar before it has closed'
close\t'The timestamp is already the bar\'s close'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l on-error -d 'On a bad row: abort (default; nothing is imported) or skip it' -r -f -a "abort\t'Stop and import nothing'
skip\t'Leave the bad rows out and import the rest'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l replace -d 'Replace the whole stored series instead of merging by time range'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from list" -l instrument -l instrument-id -d 'Only series of this instrument (SYMBOL.VENUE)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from list" -l kind -d 'Only this kind: bars, quotes or trades' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from list" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from list" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from list" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from list" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from list" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from list" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from list" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from list" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from list" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l instrument -l instrument-id -d 'Instrument, SYMBOL.VENUE (must have a definition)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l bar-spec -d 'Bar specification (time bars)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l start -d 'Open time of the first bar' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l bars -d 'Number of bars' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l seed -d 'Random seed' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l start-price -d 'Price of the first bar' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l volatility -d 'Annualised volatility of the normal regime (0.6 = 60%)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l drift -d 'Annualised drift (0.1 = +10% a year)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l csv -d 'Also write the bars to this CSV file (timestamp = bar open, UTC)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l no-store -d 'Do not store in the catalog (only write the CSV)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l replace -d 'Overwrite a series of imported bars under the same instrument and bar_spec (needs the admin scope). Without it, generated bars never replace imported ones'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from generate" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import historical data into the catalog: OHLCV bars, quote ticks or trade ticks from CSV (generic with or without header, Binance kline and trade exports), or instrument definitions from JSON'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the catalog: every stored series with its instrument, kind, time range and rows'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Generate deterministic synthetic bars (a seeded geometric random walk with calm, normal and stressed volatility regimes) into the catalog, and optionally write them as CSV'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand data; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -l http -d 'Serve MCP streamable HTTP at http://ADDR/mcp instead of stdio. ADDR is HOST:PORT, HOST or :PORT (default: the config\'s server.bind and server.port, else 127.0.0.1:8765). Binding beyond loopback needs tokens (`token create`)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -l describe -d 'Print what the tool list leaves out of one tool as JSON, then exit: its full description and its input and output schemas with every field\'s description (as the nautilus://tools/{name} resource gives them)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -l dynamic-toolsets -d 'Start each session with a small tool list, the read tools of the strategy, market, backtest and data toolsets plus list_toolsets and enable_toolset, and add toolsets on demand: always, never, or auto (when the client says it follows tool list changes). A bare --dynamic-toolsets means always' -r -f -a "auto\t'When the client says it follows tool list changes'
always\t'Always: start small, enable toolsets on demand'
never\t'Never: list every tool the process offers'"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand mcp" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "create" -d 'Create a bearer token; it is printed once and only its SHA-256 is stored'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "list" -d 'List tokens: id, name, scope, creation time (never the tokens themselves)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "revoke" -d 'Revoke a token by id or name; a running server refuses it at once'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from create" -l scope -d 'read (data, backtests, account views), trade (plus orders and halting) or admin (plus node and venue setup, resuming after a halt)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from create" -l name -d 'A name for people and the journal (default: the token\'s id)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from create" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from create" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from create" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from create" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from create" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from create" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from create" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from create" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from create" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from create" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from create" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from list" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from list" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from list" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from list" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from list" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from list" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from list" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from list" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from list" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from revoke" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from revoke" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from revoke" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from revoke" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from revoke" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from revoke" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from revoke" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from revoke" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from revoke" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from revoke" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from revoke" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a bearer token; it is printed once and only its SHA-256 is stored'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "list" -d 'List tokens: id, name, scope, creation time (never the tokens themselves)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke a token by id or name; a running server refuses it at once'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand completions" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand completions" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand completions" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand completions" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand completions" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand completions" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand completions" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand completions" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand completions" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand completions" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand completions" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand completions" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand completions" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and not __fish_seen_subcommand_from show help" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and not __fish_seen_subcommand_from show help" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Print the effective configuration with secrets redacted'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output: the designed table view, the JSON document, or the view\'s main table as CSV or TSV (full precision, for spreadsheets and scripts)' -r -f -a "table\t''
json\t''
csv\t''
tsv\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and __fish_seen_subcommand_from show" -l columns -d 'Show exactly these table columns, in this order (keys or headings, e.g. id,side,status)' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'Colour: auto (a terminal without NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file (default: $NAUTILUS_MCP_CONFIG, then the user config dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and __fish_seen_subcommand_from show" -l state-dir -d 'State directory (default: $NAUTILUS_MCP_HOME, then the config, then the user data dir)' -r -F
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and __fish_seen_subcommand_from show" -l log-level -d 'Log level or filter (error, warn, info, debug, trace); overrides RUST_LOG' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and __fish_seen_subcommand_from show" -l toolsets -d 'Offer only these groups of operations (e.g. backtest,data), on the CLI and in the MCP server\'s tools/list' -r
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print exactly one JSON document on stdout (the MCP structured result); short for `-o json`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and __fish_seen_subcommand_from show" -l wide -d 'Show every column of tables (none is dropped to fit the terminal)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and __fish_seen_subcommand_from show" -l read-only -d 'Offer only operations that change no trading state (read and research classes), on the CLI and in the MCP server\'s tools/list; callers are capped at the read scope'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and __fish_seen_subcommand_from show" -l yes -d 'Confirm orders on venues whose orders need the person\'s confirmation (live mode by default, see `confirm` in the config) without asking: for scripts. Without it such an order is asked about on the terminal, and refused when there is none'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the effective configuration with secrets redacted'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and not __fish_seen_subcommand_from node venue strategy order account position market backtest data mcp token completions config help" -f -a "node" -d 'The trading node: settings, risk limits, the paper market clock'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and not __fish_seen_subcommand_from node venue strategy order account position market backtest data mcp token completions config help" -f -a "venue" -d 'Venue connections (paper, testnet, live)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and not __fish_seen_subcommand_from node venue strategy order account position market backtest data mcp token completions config help" -f -a "strategy" -d 'Strategies: define them in the strategy language, check, show, list and delete them, attach them to the node'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and not __fish_seen_subcommand_from node venue strategy order account position market backtest data mcp token completions config help" -f -a "order" -d 'Submit, modify, cancel and inspect orders'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and not __fish_seen_subcommand_from node venue strategy order account position market backtest data mcp token completions config help" -f -a "account" -d 'Account balances, margins and PnL'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and not __fish_seen_subcommand_from node venue strategy order account position market backtest data mcp token completions config help" -f -a "position" -d 'Open positions and their risk'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and not __fish_seen_subcommand_from node venue strategy order account position market backtest data mcp token completions config help" -f -a "market" -d 'Instruments, order books, tickers, trades and bars'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and not __fish_seen_subcommand_from node venue strategy order account position market backtest data mcp token completions config help" -f -a "backtest" -d 'Configure, run and analyse backtests'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and not __fish_seen_subcommand_from node venue strategy order account position market backtest data mcp token completions config help" -f -a "data" -d 'Import, generate and list historical data'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and not __fish_seen_subcommand_from node venue strategy order account position market backtest data mcp token completions config help" -f -a "mcp" -d 'Serve every operation as MCP tools: over stdio (stdout carries only JSON-RPC), or over streamable HTTP with `--http`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and not __fish_seen_subcommand_from node venue strategy order account position market backtest data mcp token completions config help" -f -a "token" -d 'Bearer tokens for `mcp --http`: create (shown once, stored as a hash), list, revoke'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and not __fish_seen_subcommand_from node venue strategy order account position market backtest data mcp token completions config help" -f -a "completions" -d 'Print a shell completion script'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and not __fish_seen_subcommand_from node venue strategy order account position market backtest data mcp token completions config help" -f -a "config" -d 'Show the configuration'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and not __fish_seen_subcommand_from node venue strategy order account position market backtest data mcp token completions config help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "init" -d 'Initialize the trading node: trader id, venues, logging level and pre-trade risk limits (max order size, max notional per order, max open orders, max submit rate, allowed instruments, daily loss limit)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "status" -d 'Show the node: trading state, venues, balances, open orders, positions and strategies'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "advance" -d 'Move the paper market forward through the catalog\'s bars (every connected paper venue\'s instruments, in time order), through Nautilus\'s matching engines: resting orders fill, stops trigger, GTD orders expire and attached strategies trade, exactly as in a backtest'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "verify" -d 'Check the node\'s state against its journal: replay every journaled event (orders, fills, account states) through a fresh Nautilus cache, rebuild orders, positions, balances and commissions, check the journaled position events against those the fills make, and compare them with the stored state'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "halt" -d 'The kill switch: cancel every open order and halt the node until an admin resumes it'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "resume" -d 'Resume trading after a halt (HALTED or REDUCING back to ACTIVE)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from venue" -f -a "connect" -d 'Connect a venue: paper (simulated on Nautilus\'s matching engine), testnet or live (Binance Spot)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from strategy" -f -a "define" -d 'Define (or replace) a named strategy in the strategy language: parameters, indicators, rules, orders and exits'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from strategy" -f -a "show" -d 'Show a strategy: its definition (the canonical JSON of the document), version, content hash, parameters and, for a stored one, every version kept'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from strategy" -f -a "validate" -d 'Check a strategy definition without storing it: parse, type-check, bind the parameters, and run it on a sample of data (the newest bars of an instrument in the catalog) through the backtest engine, reporting the orders it would have placed'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from strategy" -f -a "delete" -d 'Delete a stored strategy definition (every version)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from strategy" -f -a "configure" -d 'Attach a strategy (a built-in or a stored definition) to the node: it trades an instrument on the paper market\'s bars as the market advances (`node advance`), through the node\'s order path, with its own orders and position'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from strategy" -f -a "step" -d 'Run the strategies attached to venues in testnet or live mode on the bars their venue has closed since they last traded (its klines, oldest first): each bar\'s decisions go through the node\'s order path to the venue (risk limits, the kill switch, the journal), one bar at a time'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from strategy" -f -a "stop" -d 'Stop a strategy attached to the node: it no longer trades; its open orders are cancelled and, with close_position, its position is closed at market'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from strategy" -f -a "list" -d 'List the built-in and stored strategies with their parameters as JSON schema'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "submit-market" -d 'Submit a market order: fills at once against the venue\'s book (the paper market\'s last quote or price)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "submit-limit" -d 'Submit a limit order: rests on the book until the market reaches its price'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "submit-stop" -d 'Submit a stop order: stop-market, or stop-limit when a limit price is given'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "preview" -d 'Preview an order without sending or journaling anything: every check a submission runs (instrument rules, the node\'s risk limits and trading state, balances and margin as Nautilus\'s account computes them), and the answer it would get: accepted or the exact refusal; the expected fills against the current book (L2 levels where the venue has them), commission, notional, balances and margin after, the position after, and for an order with a stop the loss at the stop'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "cancel" -d 'Cancel an open order'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "modify" -d 'Modify an open order\'s price, trigger price or quantity'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "cancel-all" -d 'Cancel every open order of an instrument (optionally one side)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "status" -d 'Get an order\'s status: status, filled quantity, average price, and every event with its time'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "list" -d 'List orders, newest first: open, closed or all, filtered by venue, instrument, side or strategy'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "info" -d 'Get a venue\'s account: balances, margins, equity, PnL and commission paid'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from position" -f -a "list" -d 'Get the positions of a venue (optionally one instrument): side, quantity, average entry, mark price, unrealized and realized PnL, opened time and duration'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from position" -f -a "risk" -d 'Get the risk of positions and of the account: notional exposure, share of equity, leverage, initial and maintenance margin, liquidation price (margin accounts), distance to the protecting stop, and historical one-day 95% VaR and expected shortfall from the catalog\'s bars of each instrument (method and window stated)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from market" -f -a "instruments" -d 'Get the instruments of a venue: ids, type, asset class, base, quote and settlement currencies, price and size precisions and increments, multiplier and lot size, min/max quantity and notional, maker and taker fees (a connected paper venue\'s overrides applied), margins, expiry, and the catalog data held for each'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from market" -f -a "book" -d 'Get the order book of an instrument: bids and asks with sizes, best bid and ask, spread, mid and imbalance'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from market" -f -a "ticker" -d 'Get the ticker of an instrument: the last price, bid and ask with sizes from the paper venue\'s market, and the open, high, low, close, volume and change over a window (default 24h) ending at the market clock, from the catalog\'s finest bars of the instrument'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from market" -f -a "trades" -d 'Get recent trades of an instrument: time, price, size, aggressor side and trade id, oldest first: the newest `limit` trades between `start` and `end`'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from market" -f -a "bars" -d 'Get the bars of an instrument over a range: open time, open, high, low, close and volume, exact to the instrument\'s precision'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from market" -f -a "push" -d 'Push a quote (bid and ask), a trade, or a depth snapshot into the paper market of a venue'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from backtest" -f -a "configure" -d 'Create (or replace) a named backtest configuration: instruments, date range, initial capital per currency, data source, and the simulated venue (OMS type, account type, base currency, leverage, fee and fill models)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from backtest" -f -a "add-instruments" -d 'Add instruments to a stored backtest configuration'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from backtest" -f -a "set-range" -d 'Set the date range of a stored backtest configuration'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from backtest" -f -a "run" -d 'Run a strategy (a built-in or a stored definition) on the NautilusTrader BacktestEngine (simulated venue, Nautilus order matching, risk and portfolio) and store the result under a new run id'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from backtest" -f -a "results" -d 'Get the results of a backtest run: PnL and PnL% per currency, returns volatility, Sharpe, Sortino, max drawdown, CAGR, Calmar, profit factor, win rate, expectancy, winners and losers, long ratio; order, fill and position counts; elapsed time and bars per second; and the equity curve at the requested resolution'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from backtest" -f -a "trades" -d 'Analyse the round trips of a backtest run: entry/exit time and price, side, quantity, realized PnL, return, duration and commission, filtered, with aggregates by side, weekday and hour, and winning/losing streaks'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from backtest" -f -a "list" -d 'List stored backtest runs, newest first, with their headline results, and the stored configurations'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from backtest" -f -a "sweep" -d 'Run a grid of strategy parameters and rank the combinations by a statistic'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from backtest" -f -a "walk-forward" -d 'Walk-forward: optimise the grid on each in-sample window and run its best combination on the out-of-sample window after it'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from backtest" -f -a "monte-carlo" -d 'Monte Carlo robustness of a stored run: N resamples (seeded, reproducible) by reshuffling its round trips, drawing them with replacement, or resampling its bars\' returns in blocks and re-running the strategy; the distributions of final PnL, maximum drawdown, Sharpe ratio and longest losing streak as percentiles (5/25/50/75/95), the probability of a loss and of a drawdown beyond a threshold, and a histogram of final PnL'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from backtest" -f -a "study" -d 'Get a stored study by its id: a sweep (SW-...), a walk-forward (WF-...) or a Monte Carlo simulation (MC-...), as its operation returned it'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from data" -f -a "import" -d 'Import historical data into the catalog: OHLCV bars, quote ticks or trade ticks from CSV (generic with or without header, Binance kline and trade exports), or instrument definitions from JSON'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from data" -f -a "list" -d 'List the catalog: every stored series with its instrument, kind, time range and rows'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from data" -f -a "generate" -d 'Generate deterministic synthetic bars (a seeded geometric random walk with calm, normal and stressed volatility regimes) into the catalog, and optionally write them as CSV'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "create" -d 'Create a bearer token; it is printed once and only its SHA-256 is stored'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "list" -d 'List tokens: id, name, scope, creation time (never the tokens themselves)'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "revoke" -d 'Revoke a token by id or name; a running server refuses it at once'
complete -c nautilus-mcp -n "__fish_nautilus_mcp_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the effective configuration with secrets redacted'
