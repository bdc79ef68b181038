//! Secrets a command needs (the juror's access code, the chair's passphrase): from the file
//! `JURI_SECRET_FILE` names, for
//! scripts and tests, else asked on the terminal (or one line of standard input when it is not
//! one). Never from an argument that would stay in the shell's history — apart from
//! `juri juror open --code`, kept for the scripts that use it.

use std::io::{BufRead, IsTerminal};

use anyhow::{Context, Result};
use rust_i18n::t;

/// The environment variable naming a file whose first line is the secret.
pub(crate) const SECRET_FILE: &str = "JURI_SECRET_FILE";

/// The secret from `JURI_SECRET_FILE` if it is set, else asked with `question` (a message key);
/// `None` when nothing was given.
pub(crate) fn secret(question: &str) -> Result<Option<String>> {
    if let Some(path) = std::env::var_os(SECRET_FILE).filter(|p| !p.is_empty()) {
        let text = std::fs::read_to_string(&path).with_context(|| {
            t!(
                "cli.secret.cannot_read_file",
                variable = SECRET_FILE,
                file = std::path::Path::new(&path).display()
            )
            .into_owned()
        })?;
        let line = text.lines().next().unwrap_or_default().trim().to_string();
        return Ok((!line.is_empty()).then_some(line));
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        // Typed without echo, so it is not left on the screen.
        let typed = rpassword::prompt_password(t!(question).into_owned())
            .context(t!("cli.juror.cannot_read_code"))?;
        let typed = typed.trim().to_string();
        return Ok((!typed.is_empty()).then_some(typed));
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context(t!("cli.juror.cannot_read_code"))?;
    let line = line.trim().to_string();
    Ok((!line.is_empty()).then_some(line))
}

/// Opens the chair's database and, when the command needs the chair's keys and they exist (or
/// `making_keys`: the first package makes them), gives the chair's passphrase: from
/// `JURI_SECRET_FILE`, else asked (a new one twice on a terminal). Nothing given: the command
/// then says what it needs.
pub(crate) fn open_unlocked(db: &std::path::Path, making_keys: bool) -> Result<juri_app::Chair> {
    use juri_app::PassphraseNeeded;
    let mut chair = juri_app::Chair::open(db)?;
    // Keys opened with the passphrase are also kept in this laptop's keychain, and opened from it
    // next time (no passphrase asked then).
    chair.use_keychain(juri_app::Keychain::system());
    if !making_keys && !chair.has_chair_keys()? {
        return Ok(chair);
    }
    let Some(needed) = chair.passphrase_needed()? else {
        return Ok(chair);
    };
    let given = match needed {
        PassphraseNeeded::Existing => secret("cli.chair.ask_passphrase")?,
        PassphraseNeeded::New => {
            let first = secret("cli.chair.choose_passphrase")?;
            if first.is_some()
                && std::env::var_os(SECRET_FILE).is_none()
                && std::io::stdin().is_terminal()
            {
                let again = secret("cli.chair.repeat_passphrase")?;
                if again != first {
                    anyhow::bail!(t!("cli.chair.passphrases_differ"));
                }
            }
            first
        }
    };
    if let Some(passphrase) = given {
        chair.unlock(&passphrase)?;
    }
    Ok(chair)
}
