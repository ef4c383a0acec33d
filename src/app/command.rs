//! What the user asked for, as values.
//!
//! Panels draw from the state and push [`Command`]s; the app applies them after
//! the frame is drawn (as rerun and egui's demo app do). Drawing code therefore
//! never starts a probe or switches the language half-way through a frame, and
//! every intent can be triggered by a test or a keyboard shortcut the same way as
//! by a click.

use super::state::ThemeChoice;
use crate::i18n::Lang;

/// A user intent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Switch the UI language (remembered).
    SetLang(Lang),
    /// Light, dark, or follow the system (remembered).
    SetTheme(ThemeChoice),
    /// The address field changed: recognize the provider again.
    AddressEdited,
    /// The username field was edited by hand.
    UsernameEdited,
    /// The password field was edited.
    PasswordEdited,
    /// The search field changed: filter the list again.
    SearchEdited,
    /// A provider was picked in the list (by id).
    PickProvider(String),
    /// Pick the best match of the search (Enter in the search field).
    PickFirstMatch,
    /// Move the list's highlight by this many entries (arrow keys in the search field).
    MoveHighlight(i32),
    /// Start a connection test (cancels a running one).
    StartProbe,
    /// Cancel the running test.
    CancelProbe,
    /// Expand or collapse a result row.
    ToggleRow(usize),
    /// Hide the broken-provider-file banner.
    DismissWarnings,
    /// Ask before sending the password over the insecure endpoint of this row.
    AskInsecureLogin(usize),
    /// Open the Export window.
    OpenExport,
    /// Close it.
    CloseExport,
    /// Export this incoming protocol (POP3 or IMAP).
    ExportProtocol(crate::providers::Protocol),
    /// Save a format through the file dialog.
    ExportSave(crate::export::Format),
    /// Save a format to this path (chosen in mailconf's own chooser).
    ExportSaveTo(crate::export::Format, std::path::PathBuf),
    /// Copy the path of the file just saved.
    CopySavedPath,
    /// Copy a format to the clipboard (a copy with the password asks first:
    /// the second `ExportCopy` of the same format is the Yes).
    ExportCopy(crate::export::Format),
    /// Do not copy the password after all.
    CancelCopy,
    /// Copy a row's redacted transcript (row index).
    CopyTranscript(usize),
    /// Copy the provider card's "create it here" link.
    CopyLink(String),
    /// Withdraw a permission to log in insecurely (index in `allow_insecure`).
    WithdrawInsecure(usize),
    /// Copy the diagnostic report to the clipboard.
    CopyReport,
    /// The answer to that question (`false`: keep the password back).
    AnswerInsecureLogin(bool),
    /// Open "Check my current settings".
    OpenExisting,
    /// Start the OAuth2 sign-in for the account in the form (`device`: the
    /// device flow, a code typed on another device, instead of the browser).
    SignIn {
        /// The device flow.
        device: bool,
    },
    /// Copy the device flow's code.
    CopyDeviceCode,
    /// Cancel it.
    CancelSignIn,
}
