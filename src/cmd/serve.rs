//! `spravka serve`: build, then serve the output on this computer for a preview.

use std::net::SocketAddr;

use crate::cli::ServeArgs;
use crate::error::Error;
use crate::serve::Preview;

pub fn run(args: &ServeArgs) -> Result<String, Error> {
    print!("{}", super::build::run(&args.build)?);
    let out = args
        .build
        .out
        .clone()
        .unwrap_or_else(|| args.build.project.root.join("public"));
    let preview = Preview::bind(&out, SocketAddr::new(args.address, args.port))?;
    println!(
        "serving {} at http://{}/ (Ctrl+C to stop)",
        out.display(),
        preview.address()
    );
    preview.run();
    Ok(String::new())
}
