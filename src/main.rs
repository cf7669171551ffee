//! The `nautilus-mcp` binary.

fn main() -> std::process::ExitCode {
    nautilus_mcp::cli::main()
}
