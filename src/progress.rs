//! A progress bar on stderr for builds of many schools, drawn only on a terminal: a build in a
//! script or CI, or of a few schools, prints nothing but its summary.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::locale::t;

/// Fewer schools than this build too fast for a bar to tell anything.
const FROM_SCHOOLS: usize = 20;

/// Counts schools as they finish; invisible when not worth showing.
#[derive(Debug)]
pub struct Bar(ProgressBar);

impl Bar {
    /// `verb` names the work (its message is made only for a bar that is shown).
    pub fn new(schools: usize, verb: impl FnOnce() -> String) -> Bar {
        let shown = schools >= FROM_SCHOOLS && std::io::stderr().is_terminal();
        let target = if shown {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(schools as u64), target);
        if !shown {
            return Bar(bar);
        }
        // No colour in the template: the bar reads the same with NO_COLOR and on any terminal.
        if let Ok(style) = ProgressStyle::with_template(&t!("progress-template")) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix(verb());
        Bar(bar)
    }

    /// Count one school done and hand its outcome on.
    pub fn step<T>(&self, outcome: T) -> T {
        self.0.inc(1);
        outcome
    }

    /// Clear the bar, so that the summary line stands alone.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}
