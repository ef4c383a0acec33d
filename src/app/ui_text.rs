//! Every string of the desktop app's own interface, in English, Simplified and
//! Traditional Chinese.
//!
//! Fixed strings are variants of [`T`]; the `texts!` table gives each one its three
//! translations, and a row with a missing translation does not compile. Strings
//! with values in them (counts, domains, latencies) are functions below that take
//! the [`Lang`]. Provider data (names, hints) is already localized in the
//! database, and the model's enum words live in [`crate::providers::describe`].
//!
//! Chinese UI text uses full-width punctuation and no English words, except names
//! (POP3, SMTP, IMAP, TLS, STARTTLS, OAuth2, provider names) that Chinese users
//! see in English in their mail clients too.

use crate::i18n::Lang;
use crate::providers::AddressError;
use crate::providers::describe::pick;

macro_rules! texts {
    ($($(#[$doc:meta])* $key:ident => $en:literal, $hans:literal, $hant:literal;)*) => {
        /// A fixed string of the user interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum T {
            $($(#[$doc])* $key,)*
        }

        impl T {
            /// Every string, for tests that check the catalog.
            pub const ALL: &'static [T] = &[$(T::$key,)*];

            /// The string in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                match self {
                    $(T::$key => pick(lang, ($en, $hans, $hant)),)*
                }
            }
        }
    };
}

texts! {
    // --- Menu bar
    /// The language menu.
    Language => "Language", "语言", "語言";
    /// The view menu.
    View => "View", "视图", "檢視";
    /// Theme follows the system.
    ThemeSystem => "Follow system theme", "跟随系统主题", "跟隨系統主題";
    /// Light theme.
    ThemeLight => "Light", "浅色", "淺色";
    /// Dark theme.
    ThemeDark => "Dark", "深色", "深色";

    // --- Broken user provider files
    /// Banner heading.
    UserFilesBroken => "Some of your own provider files have errors and were skipped. The built-in database still works.",
        "你自己的部分服务商文件有错误，已被跳过。内置数据库仍可正常使用。",
        "你自己的部分服務商檔案有錯誤，已被略過。內建資料庫仍可正常使用。";
    /// Dismiss a banner.
    Dismiss => "Dismiss", "关闭提示", "關閉提示";

    // --- Provider list
    /// Heading of the provider list.
    Providers => "Providers", "邮件服务商", "郵件服務商";
    /// Label of the search field.
    Search => "Search", "搜索", "搜尋";
    /// Placeholder of the search field.
    SearchHint => "name or domain: 163, qq.com…", "名称或域名：网易、qq.com…", "名稱或網域：網易、qq.com…";
    /// No provider matches the search.
    NoMatch => "No provider matches.", "没有匹配的服务商。", "沒有符合的服務商。";

    // --- Account
    /// Heading of the account section.
    Account => "Account", "邮箱账户", "郵件帳戶";
    /// Label of the address field.
    EmailAddress => "Email address", "邮箱地址", "郵件地址";
    /// Placeholder of the address field.
    EmailHint => "name@example.com", "例如 zhangsan@163.com", "例如 chen@yahoo.com.tw";
    /// Label of the username field.
    Username => "Username", "用户名", "使用者名稱";
    /// Placeholder of the username field.
    Optional => "optional", "可选", "選填";
    /// Label of the password field (normal passwords).
    Password => "Password", "密码", "密碼";
    /// Label of the password field (authorization codes).
    AuthorizationCode => "Authorization code", "授权码", "授權碼";
    /// Label of the password field (app passwords).
    AppPassword => "App password", "应用专用密码", "應用程式專用密碼";
    /// Show the password.
    ShowPassword => "Show", "显示", "顯示";
    /// Hide the password.
    HidePassword => "Hide", "隐藏", "隱藏";
    /// Where the password is kept.
    PasswordNote => "Kept in this program's memory only: never saved to disk, and sent to no one but the mail server under test.",
        "仅保存在本程序的内存中：不会写入磁盘，只会发送给正在测试的邮件服务器。",
        "僅保存在本程式的記憶體中：不會寫入磁碟，只會傳送給正在測試的郵件伺服器。";
    /// Nothing typed, nothing picked.
    TypeAddress => "Type your email address, or pick your provider from the list.",
        "请输入你的邮箱地址，或在列表中选择你的邮件服务商。",
        "請輸入你的郵件地址，或在清單中選擇你的郵件服務商。";
    /// Picked from the list without an address.
    PickedWithoutAddress => "Chosen from the list. Type your name (the part before the @): the domain is added, and the username filled in.",
        "已从列表中选择。输入你的邮箱名（@ 前面的部分）即可：会自动补上域名并填写用户名。",
        "已從清單中選擇。輸入你的郵件名稱（@ 前面的部分）即可：會自動補上網域並填寫使用者名稱。";

    // --- Provider card
    /// Status row.
    Status => "Status", "状态", "狀態";
    /// What the password field takes.
    PasswordField => "Password field", "密码栏填写", "密碼欄填寫";
    /// Link to where the code is created.
    CreateItHere => "Create it here", "点此生成", "點此產生";
    /// Setup steps section.
    SetupSteps => "How to set it up", "设置步骤", "設定步驟";
    /// Quirks section.
    GoodToKnow => "Good to know", "注意事项", "注意事項";
    /// Known servers section.
    KnownServers => "Known servers", "已知服务器", "已知伺服器";
    /// Help pages section.
    HelpPages => "Help pages", "帮助页面", "說明頁面";
    /// History section.
    History => "History", "历史", "歷史";
    /// The username form of a server.
    UsernameIs => "username", "用户名", "使用者名稱";
    /// Before the username as it goes to the server (internationalized domains).
    SentAs => "Sent to the server as: ", "发送给服务器的用户名：", "傳送給伺服器的使用者名稱：";
    /// Entry from the user's own file.
    FromYourFile => "From your own provider file", "来自你自己的服务商文件", "來自你自己的服務商檔案";
    /// Entry imported from the ISPDB.
    FromIspdb => "Imported from Thunderbird's ISPDB", "导入自 Thunderbird 的 ISPDB 数据库", "匯入自 Thunderbird 的 ISPDB 資料庫";

    // --- Discovery (domains the database does not know)
    /// What to do when discovery found nothing.
    NothingFoundWhatToDo => "Check the address for typos. If you know your mail server's name (your provider or administrator can tell you), type it instead of the address, for example mail.example.com, and press Test connection.",
        "请检查地址是否有拼写错误。如果你知道邮件服务器的名称（可以询问服务商或管理员），请在地址栏中输入它来代替邮箱地址（例如 mail.example.com），然后点击“测试连接”。",
        "請檢查地址是否有拼寫錯誤。如果你知道郵件伺服器的名稱（可以詢問服務商或管理員），請在地址欄中輸入它來代替郵件地址（例如 mail.example.com），然後按下「測試連線」。";
    /// Card of settings found for a domain the database does not know.
    DiscoveredNote => "Not in the database: these settings were found on the network. Test connection checks them.",
        "数据库中没有此服务商：这些设置是在网上找到的。“测试连接”会检查它们。",
        "資料庫中沒有此服務商：這些設定是在網路上找到的。「測試連線」會檢查它們。";
    /// Servers found by discovery.
    ServersFound => "Servers found", "找到的服务器", "找到的伺服器";

    // --- Test
    /// The test button.
    TestConnection => "Test connection", "测试连接", "測試連線";
    /// Tooltip of the test button.
    TestTooltip => "Tries every way in, all at once (Enter)", "同时测试所有连接方式（回车键）", "同時測試所有連線方式（Enter 鍵）";
    /// Test button disabled: the engine could not start.
    EngineMissing => "The connection test could not start (the terminal says why).", "连接测试无法启动（原因见终端输出）。", "連線測試無法啟動（原因見終端機輸出）。";
    /// Heading of the protocol choice in the Export window.
    ExportProtocol => "Incoming mail:", "收信方式：", "收信方式：";
    /// After the protocol the test found working.
    ProtocolTestedDefault => " (works in your test)", "（测试可用）", "（測試可用）";
    /// After the provider's preferred protocol (no test yet).
    ProtocolProviderDefault => " (the provider's recommendation)", "（服务商推荐）", "（服務商推薦）";
    /// Hover text of the provider search field: its keys.
    SearchTooltip => "Ctrl+F: search · ↑ ↓: move in the list · Enter: pick", "Ctrl+F：搜索 · ↑ ↓：在列表中移动 · 回车键：选择", "Ctrl+F：搜尋 · ↑ ↓：在清單中移動 · Enter 鍵：選擇";
    /// Cancel the test.
    Cancel => "Cancel", "取消", "取消";
    /// Tooltip of the cancel button.
    CancelTooltip => "Stop the test (Esc)", "停止测试（Esc 键）", "停止測試（Esc 鍵）";
    /// Results heading.
    Results => "Connection test", "连接测试", "連線測試";
    /// The results come from the demo backend.
    DemoData => "Demo data (MAILCONF_DEMO=1): these results are made up.", "演示数据：这些结果是虚构的。", "示範資料：這些結果是虛構的。";
    /// Nothing tested yet.
    NotTestedYet => "Press Test connection to try every server and port at once.",
        "点击“测试连接”，同时测试所有服务器和端口。",
        "按下「測試連線」，同時測試所有伺服器和連接埠。";

    // --- Result table
    /// Column: protocol.
    ColProtocol => "Protocol", "协议", "協定";
    /// Column: port.
    ColPort => "Port", "端口", "連接埠";
    /// Column: encryption mode.
    ColSecurity => "Encryption", "加密方式", "加密方式";
    /// Column: server.
    ColServer => "Server", "服务器", "伺服器";
    /// Column: result.
    ColResult => "Result", "结果", "結果";
    /// Column: time.
    ColTime => "Time", "耗时", "耗時";
    /// Column: TLS version.
    ColTls => "TLS", "TLS", "TLS";
    /// Column: certificate.
    ColCertificate => "Certificate", "证书", "憑證";
    /// Row state: waiting.
    Testing => "testing…", "测试中…", "測試中…";
    /// Row state: secure.
    Secure => "secure", "安全", "安全";
    /// Row state: answers without encryption.
    Insecure => "insecure", "不安全", "不安全";
    /// Row state: failed.
    Failed => "failed", "失败", "失敗";
    /// Row state: no answer at all (filtered).
    Blocked => "blocked", "被拦截", "被攔截";
    /// Row state: cancelled.
    Cancelled => "cancelled", "已取消", "已取消";
    /// Expand a row.
    ShowDetails => "Show details", "显示详情", "顯示詳情";
    /// Collapse a row.
    HideDetails => "Hide details", "隐藏详情", "隱藏詳情";

    // --- Why a row is insecure or failed
    /// Insecure: plain endpoint.
    WhyPlainPort => "this port has no encryption", "此端口不加密", "此連接埠不加密";
    /// Insecure: STARTTLS not offered.
    WhyStarttlsNotOffered => "the server does not offer STARTTLS", "服务器不支持 STARTTLS", "伺服器不支援 STARTTLS";
    /// Insecure: STARTTLS refused.
    WhyStarttlsRefused => "the server refused STARTTLS", "服务器拒绝了 STARTTLS", "伺服器拒絕了 STARTTLS";
    /// Failed: refused.
    WhyRefused => "connection refused", "连接被拒绝", "連線被拒絕";
    /// Failed: timeout.
    WhyTimeout => "no answer in time", "等待回应超时", "等待回應逾時";
    /// Failed: DNS.
    WhyDns => "server name not found", "找不到服务器域名", "找不到伺服器網域名稱";
    /// Failed: TLS.
    WhyTls => "encryption (TLS) failed", "加密（TLS）失败", "加密（TLS）失敗";
    /// Failed: certificate not trusted.
    WhyCertificate => "certificate not trusted", "证书不受信任", "憑證不受信任";
    /// Failed: protocol.
    WhyProtocol => "unexpected server reply", "服务器回应异常", "伺服器回應異常";
    /// Blocked: filtered.
    WhyFiltered => "no answer: the port is probably blocked by a firewall or the network provider",
        "没有回应：该端口可能被防火墙或网络运营商拦截",
        "沒有回應：該連接埠可能被防火牆或網路業者攔截";

    // --- Certificate verdicts
    /// Certificate trusted.
    CertTrusted => "trusted", "受信任", "受信任";
    /// Certificate expired.
    CertExpired => "expired", "已过期", "已過期";
    /// Certificate for another name.
    CertWrongName => "wrong name", "名称不符", "名稱不符";
    /// Self-signed certificate.
    CertSelfSigned => "self-signed", "自签名", "自簽署";
    /// Untrusted issuer.
    CertUntrusted => "not trusted", "不受信任", "不受信任";

    // --- Row details
    /// Capabilities (implicit TLS or plain).
    Capabilities => "Capabilities", "服务器功能", "伺服器功能";
    /// Capabilities before STARTTLS.
    CapsBefore => "Capabilities before STARTTLS", "STARTTLS 之前的服务器功能", "STARTTLS 之前的伺服器功能";
    /// Capabilities after STARTTLS.
    CapsAfter => "Capabilities after STARTTLS", "STARTTLS 之后的服务器功能", "STARTTLS 之後的伺服器功能";
    /// Certificate section.
    Certificate => "Certificate", "证书", "憑證";
    /// Certificate subject.
    Subject => "Subject", "主体", "主體";
    /// Certificate issuer.
    Issuer => "Issuer", "颁发者", "簽發者";
    /// Certificate names.
    Names => "Names", "域名", "名稱";
    /// Validity.
    Validity => "Valid", "有效期", "有效期";
    /// Fingerprint.
    Fingerprint => "SHA-256 fingerprint", "SHA-256 指纹", "SHA-256 指紋";
    /// Transcript.
    Transcript => "Transcript (passwords removed)", "会话记录（已去除密码）", "工作階段記錄（已去除密碼）";
    /// Raw engine message.
    Detail => "Message", "详细信息", "詳細訊息";
    /// No details.
    NoDetails => "No details yet.", "暂无详情。", "暫無詳情。";
    /// Copy the transcript.
    Copy => "Copy", "复制", "複製";

    // --- Summary
    /// Summary heading.
    Summary => "Summary", "结论", "結論";
    /// No secure way for a protocol.
    NoSecureWay => "no secure way found", "未找到安全的连接方式", "未找到安全的連線方式";
    /// Use … (followed by an endpoint).
    Use => "use", "使用", "使用";
    /// Heading of the advice in the summary.
    Advice => "What to do", "建议", "建議";
    /// Link to the provider's page.
    MoreHelp => "Open the provider's page", "打开服务商的说明页面", "開啟服務商的說明頁面";

    // --- Login test
    /// Label of the login result in the details.
    Login => "Login", "登录", "登入";
    /// Login worked.
    LoginOk => "login OK", "登录成功", "登入成功";
    /// Wrong username or password.
    LoginRejected => "login rejected", "登录被拒绝", "登入被拒絕";
    /// Needs an authorization code.
    LoginAuthCode => "needs an authorization code", "需要授权码", "需要授權碼";
    /// Needs an app password.
    LoginAppPassword => "needs an app password", "需要应用专用密码", "需要應用程式專用密碼";
    /// Service switched off.
    LoginServiceDisabled => "service not enabled", "服务未开启", "服務未開啟";
    /// OAuth2 only.
    LoginOauth2 => "OAuth2 sign-in only", "仅支持 OAuth2 登录", "僅支援 OAuth2 登入";
    /// Try later.
    LoginTemporary => "temporarily unavailable", "暂时不可用", "暫時無法使用";
    /// Server wants TLS first.
    LoginEncryptionRequired => "server requires encryption first", "服务器要求先加密", "伺服器要求先加密";
    /// No usable mechanism.
    LoginNoMechanism => "no usable login method", "没有可用的登录方式", "沒有可用的登入方式";
    /// Password not sent.
    LoginNotTried => "password not sent", "未发送密码", "未傳送密碼";
    /// Connection broke during login.
    LoginConnectionProblem => "connection lost during login", "登录时连接中断", "登入時連線中斷";
    /// Odd reply.
    LoginUnexpected => "unexpected login reply", "登录回应异常", "登入回應異常";
    /// Button: allow the password over this insecure endpoint.
    AllowInsecureLogin => "Log in here anyway…", "仍要在此登录…", "仍要在此登入…";
    /// Title of the insecure-login dialog.
    InsecureLoginTitle => "Send the password without protection?", "在不安全的连接上发送密码？", "在不安全的連線上傳送密碼？";
    /// No, keep the password safe (default).
    InsecureLoginNo => "No, don't send it", "不，不发送", "不，不傳送";
    /// Yes, send it on the next test.
    InsecureLoginYes => "Yes, send it on the next test", "是，下次测试时发送", "是，下次測試時傳送";
    // --- Export and report
    /// Export button and window title.
    Export => "Export settings", "导出设置", "匯出設定";
    /// Export uses the probe.
    ExportFromProbe => "The files use the servers this test verified.", "文件使用本次测试验证过的服务器。", "檔案使用本次測試驗證過的伺服器。";
    /// Export uses the database.
    ExportFromDiscovery => "Not tested: the files use the settings found on the network and say so.", "未测试：文件使用在网上找到的设置，并在文件中注明。", "未測試：檔案使用在網路上找到的設定，並在檔案中註明。";
    ExportFromDatabase => "Not tested: the files use the database's settings and say so.", "未测试：文件使用数据库中的设置，并在文件中注明。", "未測試：檔案使用資料庫中的設定，並在檔案中註明。";
    /// Checkbox: include the password.
    IncludePassword => "Include the password", "包含密码", "包含密碼";
    /// Warning when the password is included.
    PasswordInFile => "Anyone who can read the file can read the password. It is saved readable by you only.", "任何能读取该文件的人都能看到密码。文件将设为仅你本人可读。", "任何能讀取該檔案的人都能看到密碼。檔案將設為僅你本人可讀。";
    /// Close a window.
    Close => "Close", "关闭", "關閉";
    /// Save button.
    SaveAs => "Save as…", "另存为…", "另存新檔…";
    /// The save dialog is open.
    WaitingForSaveDialog => "Waiting for the save dialog…", "正在等待保存对话框…", "正在等待儲存對話方塊…";
    /// Copy the path of the file just saved.
    CopyPath => "Copy path", "复制路径", "複製路徑";
    /// The path was copied.
    PathCopied => "Path copied.", "已复制路径。", "已複製路徑。";
    /// What Copy report copies.
    WhatReport => "the report (results and transcripts, no password)", "诊断报告（结果和记录，不含密码）", "診斷報告（結果和紀錄，不含密碼）";
    /// What a row's Copy copies.
    WhatTranscript => "the transcript (password hidden)", "通信记录（密码已隐藏）", "通訊紀錄（密碼已隱藏）";
    /// What Copy link copies.
    WhatLink => "the link", "链接", "連結";
    /// Copy a link.
    CopyLink => "Copy link", "复制链接", "複製連結";
    /// Heading of the insecure-login permissions under the results.
    InsecurePermissions => "Permissions to log in without protection", "允许在不安全连接上登录", "允許在不安全連線上登入";
    /// Withdraw such a permission.
    Withdraw => "Withdraw", "撤销", "撤銷";
    /// Row offers an insecure login (not allowed yet).
    InsecureNotTried => "login not tried: no protection", "未尝试登录：连接不安全", "未嘗試登入：連線不安全";

    // --- mailconf's own file chooser (when no system dialog answers)
    /// Its title.
    SaveFileTitle => "Save file", "保存文件", "儲存檔案";
    /// Why it is mailconf's own.
    NoSystemDialog => "No system file dialog answered on this desktop, so mailconf shows its own.", "此桌面上没有可用的系统文件对话框，因此显示本程序自带的对话框。", "此桌面上沒有可用的系統檔案對話方塊，因此顯示本程式內建的對話方塊。";
    /// Label of the folder field.
    Folder => "Folder", "文件夹", "資料夾";
    /// Label of the file name field.
    FileName => "File name", "文件名", "檔案名稱";
    /// Go to the parent folder.
    ParentFolder => "Up one folder", "上一级文件夹", "上一層資料夾";
    /// Go to the home folder.
    HomeFolder => "Home folder", "主文件夹", "個人資料夾";
    /// Go to the documents folder.
    DocumentsFolder => "Documents", "文档", "文件";
    /// The folder has nothing to show.
    EmptyFolder => "This folder is empty.", "此文件夹为空。", "此資料夾是空的。";
    /// The typed name is not a file name.
    NotAFileName => "A file name cannot contain “/” and cannot be “.” or “..”.", "文件名不能包含“/”，也不能是“.”或“..”。", "檔案名稱不能包含「/」，也不能是「.」或「..」。";
    /// Save the file.
    Save => "Save", "保存", "儲存";
    /// The title of mailconf's own chooser when it opens a file.
    OpenFileTitle => "Open a settings file", "打开配置文件", "開啟設定檔";
    /// Open the file chosen.
    Open => "Open", "打开", "開啟";
    /// Open the folder shown, a Thunderbird profile (it holds prefs.js).
    OpenProfileFolder => "Open this Thunderbird profile", "打开这个 Thunderbird 配置文件夹", "開啟這個 Thunderbird 設定檔資料夾";
    /// The button of "Check my current settings" that picks the file through a dialog.
    OpenEllipsis => "Open…", "打开…", "開啟…";
    /// Replace the existing file.
    Replace => "Replace", "替换", "取代";
    /// Copy the text.
    CopyToClipboard => "Copy to clipboard", "复制到剪贴板", "複製到剪貼簿";
    /// Copied.
    Copied => "Copied to the clipboard.", "已复制到剪贴板。", "已複製到剪貼簿。";
    /// No provider: nothing to export.
    ExportNeedsProvider => "Type an address of a known provider, or pick one, to export its settings.", "请输入已知服务商的邮箱地址或选择服务商，才能导出设置。", "請輸入已知服務商的郵件地址或選擇服務商，才能匯出設定。";
    /// Copy the diagnostic report.
    CopyReport => "Copy diagnostic report", "复制诊断报告", "複製診斷報告";
    /// Tooltip of the report button.
    CopyReportTooltip => "The results, verdicts and advice, without the password, for a helpdesk", "测试结果、结论和建议（不含密码），可发给技术支持", "測試結果、結論和建議（不含密碼），可傳給技術支援";
    /// Note once allowed.
    InsecureLoginAllowed => "allowed: the next test sends the password here", "已允许：下次测试将在此发送密码", "已允許：下次測試將在此傳送密碼";
    /// Ask the insecure-login question again (No withdraws the permission).
    ChangeInsecureLogin => "Change…", "更改…", "變更…";
    /// Export of a server known only by its name.
    ExportFromServerName => "Not tested: the files use this server's standard encrypted ports and say so.", "未测试：文件使用该服务器的标准加密端口，并在文件中注明。", "未測試：檔案使用該伺服器的標準加密連接埠，並在檔案中註明。";
    /// A server's name needs a username to export.
    ExportNeedsUsername => "Type the username for this server first.", "请先输入这个服务器的用户名。", "請先輸入這個伺服器的使用者名稱。";
    /// Yes, copy with the password.
    CopyWithPassword => "Copy with the password", "仍然复制（含密码）", "仍然複製（含密碼）";
    /// No, do not copy.
    DoNotCopy => "Do not copy", "不复制", "不複製";
    /// The check is looking the domain up before it can test.
    Planning => "Looking up the servers to test…", "正在查找要测试的服务器…", "正在查找要測試的伺服器…";
    /// Port 25 answers securely, but it is the relay port.
    WhyRelayPort => "for server-to-server mail (port 25), not for sending from a mail app", "用于服务器之间传递邮件（端口 25），不适合邮件客户端发信", "用於伺服器之間傳遞郵件（連接埠 25），不適合郵件用戶端寄信";
    /// The password was cleared when another provider was picked.
    PasswordCleared => "The password was cleared: it was typed for another provider's account.", "密码已清空：它是为另一个服务商的账户输入的。", "密碼已清空：它是為另一個服務商的帳戶輸入的。";
}

/// "Saved to PATH."
pub fn export_saved(path: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Saved to {path}."),
        Lang::ZhHans => format!("已保存到 {path}。"),
        Lang::ZhHant => format!("已儲存到 {path}。"),
    }
}

/// "“NAME” already exists. Replace it?"
pub fn replace_file(name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("“{name}” already exists. Replace it?"),
        Lang::ZhHans => format!("“{name}”已存在。要替换它吗？"),
        Lang::ZhHant => format!("「{name}」已存在。要取代它嗎？"),
    }
}

/// Why the system refused to read or write, in words (the OS's own message,
/// in English, only for the rare kinds without a translation).
pub fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let (en, hans, hant) = match error.kind() {
        K::PermissionDenied => (
            "you have no permission to write there",
            "你没有在那里写入的权限",
            "你沒有在那裡寫入的權限",
        ),
        K::NotFound => ("the folder does not exist", "文件夹不存在", "資料夾不存在"),
        K::ReadOnlyFilesystem => ("the disk is read-only", "磁盘是只读的", "磁碟是唯讀的"),
        K::StorageFull | K::QuotaExceeded => ("the disk is full", "磁盘已满", "磁碟已滿"),
        K::IsADirectory => (
            "a folder has that name",
            "已有同名的文件夹",
            "已有同名的資料夾",
        ),
        K::NotADirectory => (
            "part of the path is a file, not a folder",
            "路径中的某一部分是文件而不是文件夹",
            "路徑中的某一部分是檔案而不是資料夾",
        ),
        K::InvalidFilename => (
            "the system does not accept that file name",
            "系统不接受这个文件名",
            "系統不接受這個檔案名稱",
        ),
        _ => {
            return match lang {
                Lang::En => format!("the system said: {error}"),
                Lang::ZhHans => format!("系统报告：{error}"),
                Lang::ZhHant => format!("系統回報：{error}"),
            };
        }
    };
    pick(lang, (en, hans, hant)).to_owned()
}

/// "Could not save PATH: REASON."
pub fn save_failed(path: &str, error: &std::io::Error, lang: Lang) -> String {
    let reason = io_reason(error, lang);
    match lang {
        Lang::En => format!("Could not save {path}: {reason}."),
        Lang::ZhHans => format!("无法保存 {path}：{reason}。"),
        Lang::ZhHant => format!("無法儲存 {path}：{reason}。"),
    }
}

/// "There is no file “NAME” in this folder." (the open chooser, after a name
/// was typed that is not there).
pub fn no_such_file(name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("There is no file “{name}” in this folder."),
        Lang::ZhHans => format!("此文件夹中没有“{name}”。"),
        Lang::ZhHant => format!("此資料夾中沒有「{name}」。"),
    }
}

/// "Cannot open FOLDER: REASON."
pub fn folder_unreadable(folder: &str, error: &std::io::Error, lang: Lang) -> String {
    let reason = match error.kind() {
        std::io::ErrorKind::PermissionDenied => pick(
            lang,
            (
                "you have no permission to open it",
                "你没有打开它的权限",
                "你沒有開啟它的權限",
            ),
        )
        .to_owned(),
        _ => io_reason(error, lang),
    };
    match lang {
        Lang::En => format!("Cannot open {folder}: {reason}."),
        Lang::ZhHans => format!("无法打开 {folder}：{reason}。"),
        Lang::ZhHant => format!("無法開啟 {folder}：{reason}。"),
    }
}

/// "Could not export: MESSAGE"
pub fn export_failed(message: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Could not export: {message}"),
        Lang::ZhHans => format!("导出失败：{message}"),
        Lang::ZhHant => format!("匯出失敗：{message}"),
    }
}

/// The risk of sending the password over one endpoint, for the confirmation dialog.
pub fn insecure_login_risk(endpoint: &str, certificate: Option<&str>, lang: Lang) -> String {
    match (lang, certificate) {
        (Lang::En, None) => format!(
            "{endpoint} has no encryption: anyone on the network path (Wi-Fi, the network provider) can read the password as it is sent. Yes allows exactly this endpoint, without encryption."
        ),
        (Lang::En, Some(fp)) => format!(
            "The certificate of {endpoint} is not trusted: the server may be an impostor that collects the password. Yes allows this endpoint only with exactly this certificate (SHA-256 {fp}), and only once TLS is up."
        ),
        (Lang::ZhHans, None) => format!(
            "{endpoint} 不加密：网络路径上的任何人（无线网络、网络运营商）都能读到发送的密码。选“是”只允许这一个不加密的连接方式。"
        ),
        (Lang::ZhHans, Some(fp)) => format!(
            "{endpoint} 的证书不受信任：对方可能是冒充的服务器，会窃取你的密码。选“是”只在建立 TLS 后、且证书正是这一张（SHA-256 {fp}）时才允许。"
        ),
        (Lang::ZhHant, None) => format!(
            "{endpoint} 不加密：網路路徑上的任何人（無線網路、網路業者）都能讀到傳送的密碼。選「是」只允許這一個不加密的連線方式。"
        ),
        (Lang::ZhHant, Some(fp)) => format!(
            "{endpoint} 的憑證不受信任：對方可能是冒充的伺服器，會竊取你的密碼。選「是」只在建立 TLS 後、且憑證正是這一張（SHA-256 {fp}）時才允許。"
        ),
    }
}

/// "5 of 8 done".
pub fn progress(done: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{done} of {total} done"),
        Lang::ZhHans => format!("已完成 {done}/{total}"),
        Lang::ZhHant => format!("已完成 {done}/{total}"),
    }
}

/// "cancelled after 3 of 8".
pub fn progress_cancelled(done: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("cancelled after {done} of {total}"),
        Lang::ZhHans => format!("已取消（完成 {done}/{total}）"),
        Lang::ZhHant => format!("已取消（完成 {done}/{total}）"),
    }
}

/// "123 ms".
pub fn latency(ms: u64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{ms} ms"),
        Lang::ZhHans | Lang::ZhHant => format!("{ms} 毫秒"),
    }
}

/// "177 providers".
pub fn provider_count(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En if n == 1 => "1 provider".to_owned(),
        Lang::En => format!("{n} providers"),
        Lang::ZhHans => format!("共 {n} 个服务商"),
        Lang::ZhHant => format!("共 {n} 個服務商"),
    }
}

/// "example.org is not in the database; discovery will look it up."
pub fn not_in_database(domain: &str, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!("{domain} is not in the database; discovery will look it up.")
        }
        Lang::ZhHans => format!("数据库中没有 {domain}；自动发现功能将在网上查找它的设置。"),
        Lang::ZhHant => format!("資料庫中沒有 {domain}；自動探索功能將在網路上查找它的設定。"),
    }
}

/// "Looking up settings for example.com…" (discovery is running).
pub fn looking_up(domain: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Looking up settings for {domain}…"),
        Lang::ZhHans => format!("正在查找 {domain} 的设置…"),
        Lang::ZhHant => format!("正在查找 {domain} 的設定…"),
    }
}

/// "No @: Test connection tries mail.example.com as the mail server."
pub fn testing_host(host: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("No @: Test connection tries {host} as the mail server."),
        Lang::ZhHans => format!("没有 @：“测试连接”会把 {host} 当作邮件服务器来测试。"),
        Lang::ZhHant => format!("沒有 @：「測試連線」會把 {host} 當作郵件伺服器來測試。"),
    }
}

/// The Export window's title, naming whose settings it writes.
pub fn export_title(account: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Export settings for {account}"),
        Lang::ZhHans => format!("导出 {account} 的设置"),
        Lang::ZhHant => format!("匯出 {account} 的設定"),
    }
}

/// What an incoming protocol means for the user's mail, for the Export window.
pub fn protocol_meaning(p: crate::providers::Protocol, lang: Lang) -> String {
    use crate::providers::Protocol as P;
    match (p, lang) {
        (P::Pop3, Lang::En) => {
            "POP3: downloads your mail to this device; by default a copy stays on the server".into()
        }
        (P::Pop3, Lang::ZhHans) => "POP3：把邮件下载到这台设备；默认在服务器上保留副本".into(),
        (P::Pop3, Lang::ZhHant) => "POP3：把郵件下載到這台裝置；預設在伺服器上保留副本".into(),
        (_, Lang::En) => {
            "IMAP: keeps your mail on the server and syncs folders and read marks with every device"
                .into()
        }
        (_, Lang::ZhHans) => "IMAP：邮件留在服务器上，文件夹和已读状态在所有设备间同步".into(),
        (_, Lang::ZhHant) => "IMAP：郵件留在伺服器上，資料夾和已讀狀態在所有裝置間同步".into(),
    }
}

/// Why Test connection did not start, with an example in the user's words.
pub fn missing(m: &crate::app::state::Missing, lang: Lang) -> String {
    use crate::app::state::Missing as M;
    match (m, lang) {
        (M::Address, Lang::En) => "Type your email address first, for example zhangsan@163.com, or pick your provider from the list.".into(),
        (M::Address, Lang::ZhHans) => "请先输入邮箱地址，例如 zhangsan@163.com，或在左侧列表中选择服务商。".into(),
        (M::Address, Lang::ZhHant) => "請先輸入郵件地址，例如 chen@yahoo.com.tw，或在左側清單中選擇服務商。".into(),
        (M::Domain(name), Lang::En) => format!("“{name}” has no @ and domain yet: type the whole address, for example {name}@163.com, or pick your provider from the list."),
        (M::Domain(name), Lang::ZhHans) => format!("“{name}”还缺少 @ 和域名：请输入完整地址，例如 {name}@163.com，或在左侧列表中选择服务商。"),
        (M::Domain(name), Lang::ZhHant) => format!("「{name}」還缺少 @ 和網域：請輸入完整地址，例如 {name}@yahoo.com.tw，或在左側清單中選擇服務商。"),
        (M::Name(domain), Lang::En) => format!("Type your name before the @, for example zhangsan@{domain}."),
        (M::Name(domain), Lang::ZhHans) => format!("请在 @ 前面输入你的邮箱名，例如 zhangsan@{domain}。"),
        (M::Name(domain), Lang::ZhHant) => format!("請在 @ 前面輸入你的郵件名稱，例如 chen@{domain}。"),
        (M::DomainEnd(name), Lang::En) => format!("The domain after the @ is not complete: for example {name}@163.com."),
        (M::DomainEnd(name), Lang::ZhHans) => format!("@ 后面的域名还不完整，例如 {name}@163.com。"),
        (M::DomainEnd(name), Lang::ZhHant) => format!("@ 後面的網域還不完整，例如 {name}@yahoo.com.tw。"),
        (M::Invalid, Lang::En) => "This is not an email address yet: see the message under the address field.".into(),
        (M::Invalid, Lang::ZhHans) => "这还不是有效的邮箱地址：请看地址栏下方的说明。".into(),
        (M::Invalid, Lang::ZhHant) => "這還不是有效的郵件地址：請看地址欄下方的說明。".into(),
    }
}

/// The address field's hint after a provider was picked: the name goes before
/// its domain.
pub fn name_at(domain: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("your name, then @{domain} is added"),
        Lang::ZhHans => format!("输入邮箱名，自动补上 @{domain}"),
        Lang::ZhHant => format!("輸入郵件名稱，自動補上 @{domain}"),
    }
}

/// Where discovery found the settings: "Found by MX mxbiz1.qq.com → Tencent
/// Exmail", "Found by autoconfig.example.com", "Guessed: …". The provider name
/// is in `lang`; host names and URLs stay as they are.
pub fn found_by(finding: &crate::discover::Finding, lang: Lang) -> String {
    let found = match finding.source {
        crate::discover::SourceKind::Guess => crate::i18n::msg!(lang, "found-by-guessing"),
        _ => crate::i18n::msg!(
            lang,
            "found-by-sentence",
            provenance = finding.provenance.text(lang).to_string()
        ),
    };
    // F5: what rests on DNS answers nobody authenticated says so.
    if finding.dns_unauthenticated {
        crate::i18n::msg!(lang, "found-by-unauthenticated", found = found)
    } else {
        found
    }
}

/// Why discovery found nothing, by its outcome (the engine's message is English).
pub fn nothing_found(d: &crate::discover::Discovery, lang: Lang) -> String {
    use crate::discover::Outcome;
    let domain = &d.domain_unicode;
    let secs = d.timeout_ms.div_ceil(1000);
    if d.sources.is_empty() {
        // Discovery could not run at all (see `Discovery::failed`); its reason is
        // technical text, kept as it is.
        let why = d.message.text(lang);
        return match lang {
            Lang::En => format!("Could not look up settings for {domain}: {why}"),
            Lang::ZhHans => format!("无法查找 {domain} 的设置：{why}"),
            Lang::ZhHant => format!("無法查找 {domain} 的設定：{why}"),
        };
    }
    match (d.outcome, lang) {
        (Outcome::DeadlineReached, Lang::En) => {
            format!("Nothing found for {domain} within {secs} seconds.")
        }
        (Outcome::DeadlineReached, Lang::ZhHans) => {
            format!("在 {secs} 秒内没有找到 {domain} 的设置。")
        }
        (Outcome::DeadlineReached, Lang::ZhHant) => {
            format!("在 {secs} 秒內沒有找到 {domain} 的設定。")
        }
        (Outcome::DnsUnreachable, Lang::En) => format!(
            "Nothing found for {domain}: the DNS server could not be reached. Is the network connected?"
        ),
        (Outcome::DnsUnreachable, Lang::ZhHans) => {
            format!("没有找到 {domain} 的设置：无法连接 DNS 服务器。网络是否已连接？")
        }
        (Outcome::DnsUnreachable, Lang::ZhHant) => {
            format!("沒有找到 {domain} 的設定：無法連線 DNS 伺服器。網路是否已連線？")
        }
        (_, Lang::En) => format!(
            "Nothing found for {domain}: neither its DNS records, nor autoconfig, nor the usual server names gave settings."
        ),
        (_, Lang::ZhHans) => format!(
            "没有找到 {domain} 的设置：DNS 记录、自动配置和常用的服务器名称都没有给出设置。"
        ),
        (_, Lang::ZhHant) => format!(
            "沒有找到 {domain} 的設定：DNS 記錄、自動設定和常用的伺服器名稱都沒有提供設定。"
        ),
    }
}

/// "matched by the parent domain example.com".
pub fn parent_domain_match(domain: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("recognized by the parent domain {domain}"),
        Lang::ZhHans => format!("根据上级域名 {domain} 识别"),
        Lang::ZhHant => format!("根據上層網域 {domain} 識別"),
    }
}

/// "valid from A to B".
pub fn validity(from: &str, to: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{from} to {to}"),
        Lang::ZhHans => format!("{from} 至 {to}"),
        Lang::ZhHant => format!("{from} 至 {to}"),
    }
}

/// What is wrong with a typed address, in `lang`.
pub fn address_error(e: &AddressError, lang: Lang) -> String {
    match e {
        AddressError::Empty => pick(
            lang,
            ("The address is empty.", "邮箱地址为空。", "郵件地址為空。"),
        )
        .to_owned(),
        AddressError::NoAt(_) => pick(
            lang,
            (
                "Type the whole address, with @.",
                "请输入完整的邮箱地址（包含 @）。",
                "請輸入完整的郵件地址（包含 @）。",
            ),
        )
        .to_owned(),
        AddressError::EmptyLocalPart(_) => pick(
            lang,
            (
                "Something must come before the @.",
                "@ 前面不能为空。",
                "@ 前面不能為空。",
            ),
        )
        .to_owned(),
        AddressError::EmptyDomain(_) => pick(
            lang,
            (
                "Type the domain after the @.",
                "请在 @ 后面输入域名。",
                "請在 @ 後面輸入網域。",
            ),
        )
        .to_owned(),
        AddressError::LocalPartTooLong(n) => match lang {
            Lang::En => format!("The part before the @ is {n} bytes long; at most 64 are allowed."),
            Lang::ZhHans => format!("@ 前面的部分长 {n} 字节，最多允许 64 字节。"),
            Lang::ZhHant => format!("@ 前面的部分長 {n} 位元組，最多允許 64 位元組。"),
        },
        AddressError::TwoAts(_) => pick(
            lang,
            (
                "There is more than one @: type one address, like alice@example.com.",
                "含有多个 @：请只输入一个地址，例如 alice@example.com。",
                "含有多個 @：請只輸入一個地址，例如 alice@example.com。",
            ),
        )
        .to_owned(),
        AddressError::BadCharacter { what, found, .. } => {
            let in_domain = what.contains("domain");
            let found = match found.as_str() {
                "a space" => pick(lang, ("a space", "空格", "空格")).to_owned(),
                "a tab" => pick(lang, ("a tab", "制表符", "定位字元")).to_owned(),
                other => other.to_owned(),
            };
            match (lang, in_domain) {
                (Lang::En, true) => format!("The domain contains {found}, which is not allowed."),
                (Lang::En, false) => {
                    format!("The part before the @ contains {found}, which is not allowed.")
                }
                (Lang::ZhHans, true) => format!("域名中含有不允许的字符：{found}。"),
                (Lang::ZhHans, false) => format!("@ 前面的部分含有不允许的字符：{found}。"),
                (Lang::ZhHant, true) => format!("網域中含有不允許的字元：{found}。"),
                (Lang::ZhHant, false) => format!("@ 前面的部分含有不允許的字元：{found}。"),
            }
        }
        AddressError::InvalidDomain { domain, .. } => match lang {
            Lang::En => format!("{domain} is not a valid domain name."),
            Lang::ZhHans => format!("{domain} 不是有效的域名。"),
            Lang::ZhHant => format!("{domain} 不是有效的網域名稱。"),
        },
    }
}

/// The Export window: the results shown are of another account.
pub fn export_stale(other: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "The results shown are from an older test of {other}: not used. The files use the settings of the database or of discovery, and say so; test again to export tested settings."
        ),
        Lang::ZhHans => format!(
            "显示的结果来自之前对 {other} 的测试：不会使用。文件使用数据库或自动查找到的设置，并在文件中注明；重新测试后才能导出经过测试的设置。"
        ),
        Lang::ZhHant => format!(
            "顯示的結果來自之前對 {other} 的測試：不會使用。檔案使用資料庫或自動查找到的設定，並在檔案中註明；重新測試後才能匯出經過測試的設定。"
        ),
    }
}

/// Above the table: the results shown are of another account than the form's.
pub fn results_for_other(target: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Results for {target}: test again for the account above."),
        Lang::ZhHans => format!("以下是 {target} 的结果：请为上面的账户重新测试。"),
        Lang::ZhHant => format!("以下是 {target} 的結果：請為上面的帳戶重新測試。"),
    }
}

/// A protocol with no recommendation because nothing could be tested.
pub fn could_not_test(reason: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("could not be tested ({reason})"),
        Lang::ZhHans => format!("无法测试（{reason}）"),
        Lang::ZhHant => format!("無法測試（{reason}）"),
    }
}

/// A check that could not run.
pub fn check_failed(e: &crate::check::CheckError, lang: Lang) -> String {
    use crate::check::{CheckError, PlanError};
    match (e, lang) {
        (CheckError::Plan(PlanError::NotFound { domain, .. }), Lang::En) => {
            format!("Nothing to test: no settings were found for {domain}.")
        }
        (CheckError::Plan(PlanError::NotFound { domain, .. }), Lang::ZhHans) => {
            format!("没有可测试的：未找到 {domain} 的设置。")
        }
        (CheckError::Plan(PlanError::NotFound { domain, .. }), Lang::ZhHant) => {
            format!("沒有可測試的：未找到 {domain} 的設定。")
        }
        (CheckError::Plan(PlanError::Discontinued { name, year, .. }), Lang::En) => {
            format!("Nothing to test: {name} closed in {year}.")
        }
        (CheckError::Plan(PlanError::Discontinued { year, .. }), Lang::ZhHans) => {
            format!("没有可测试的：该服务已于 {year} 年关闭。")
        }
        (CheckError::Plan(PlanError::Discontinued { year, .. }), Lang::ZhHant) => {
            format!("沒有可測試的：該服務已於 {year} 年關閉。")
        }
        (e, Lang::En) => format!("The test could not start: {}", e.text(lang)),
        (e, Lang::ZhHans) => format!("测试无法开始：{}", e.text(lang)),
        (e, Lang::ZhHant) => format!("測試無法開始：{}", e.text(lang)),
    }
}

/// F14: before a password goes to the clipboard.
pub fn copy_password_warning(secs: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "This copy contains your password. Every program can read the clipboard, and clipboard managers keep a history of what was copied. mailconf empties the clipboard again after {secs} seconds (if it still holds this)."
        ),
        Lang::ZhHans => format!(
            "这份内容包含你的密码。任何程序都能读取剪贴板，剪贴板管理器还会保存复制历史。mailconf 会在 {secs} 秒后清空剪贴板（如果其中仍是这份内容）。"
        ),
        Lang::ZhHant => format!(
            "這份內容包含你的密碼。任何程式都能讀取剪貼簿，剪貼簿管理程式還會保存複製歷史。mailconf 會在 {secs} 秒後清空剪貼簿（如果其中仍是這份內容）。"
        ),
    }
}

/// After copying with the password.
pub fn copied_with_password(what: &str, secs: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "Copied {what}, with the password: the clipboard is emptied again in {secs} seconds."
        ),
        Lang::ZhHans => format!("已复制{what}（含密码）：{secs} 秒后清空剪贴板。"),
        Lang::ZhHant => format!("已複製{what}（含密碼）：{secs} 秒後清空剪貼簿。"),
    }
}

/// The confirmation next to a Copy button, naming what is on the clipboard.
pub fn copied(what: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("✔ Copied {what}."),
        Lang::ZhHans => format!("✔ 已复制{what}。"),
        Lang::ZhHant => format!("✔ 已複製{what}。"),
    }
}

/// "the fetchmail settings": what a format's Copy puts on the clipboard.
pub fn format_copied(title: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("the {title} settings"),
        Lang::ZhHans | Lang::ZhHant => format!("“{title}”"),
    }
}

/// The secure ways into the same server, for the insecure-login question:
/// "The same server works securely on 995 (SSL/TLS) and 110 (STARTTLS)."
pub fn secure_alternatives(host: &str, ways: &[String], lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{host} works securely on {}: that needs no permission, and your mail client should use it.",
            ways.join(" and ")
        ),
        Lang::ZhHans => format!(
            "{host} 在 {} 上可以安全连接：无需此许可，邮件客户端也应使用它。",
            ways.join("、")
        ),
        Lang::ZhHant => format!(
            "{host} 在 {} 上可以安全連線：無需此許可，郵件用戶端也應使用它。",
            ways.join("、")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chinese strings must not be English left untranslated: any run of ASCII
    /// letters must be a name from this list.
    const NAMES: &[&str] = &[
        "POP3",
        "SMTP",
        "IMAP",
        "OAuth2",
        "TLS",
        "STARTTLS",
        "SHA",
        "Thunderbird",
        "ISPDB",
        "qq",
        "com",
        "zhangsan",
        "chen",
        "yahoo",
        "tw",
        "Enter",
        "Esc",
        // Key names as printed on the keyboard (Ctrl+F).
        "Ctrl",
        "F",
        "mail",
        "example",
    ];

    fn words(s: &str) -> Vec<String> {
        s.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn chinese_has_no_english() {
        for t in T::ALL {
            for lang in [Lang::ZhHans, Lang::ZhHant] {
                for w in words(t.get(lang)) {
                    assert!(NAMES.contains(&w.as_str()), "{t:?} {lang:?}: {w:?}");
                }
            }
        }
        for lang in [Lang::ZhHans, Lang::ZhHant] {
            for s in [
                progress(5, 8, lang),
                progress_cancelled(3, 8, lang),
                latency(12, lang),
                provider_count(3, lang),
                replace_file("文件", lang),
                io_reason(&std::io::Error::from(std::io::ErrorKind::StorageFull), lang),
            ] {
                assert!(words(&s).is_empty(), "{s}");
            }
        }
    }

    fn discovery(outcome: crate::discover::Outcome) -> crate::discover::Discovery {
        let a = crate::providers::Address::parse("me@example.org").unwrap();
        let mut d = crate::discover::Discovery::failed(&a, "nothing found for example.org");
        d.outcome = outcome;
        d.timeout_ms = 10_000;
        d.sources.push(crate::discover::SourceReport {
            source: crate::discover::SourceKind::Mx,
            state: crate::discover::SourceState::Nothing,
            detail: None,
        });
        d
    }

    fn finding(
        source: crate::discover::SourceKind,
        provenance: crate::discover::Note,
    ) -> crate::discover::Finding {
        let db = crate::providers::Database::bundled();
        let p = &db.by_id("exmail").unwrap().provider;
        crate::discover::Finding {
            source,
            dns_unauthenticated: source.rests_on_dns(),
            provenance,
            provider: (source == crate::discover::SourceKind::Mx).then(|| {
                crate::discover::ProviderInfo {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    status: p.status.clone(),
                    auth: p.auth.clone(),
                    file: None,
                }
            }),
            incoming: Vec::new(),
            outgoing: Vec::new(),
        }
    }

    #[test]
    fn discovery_texts_are_translated_and_keep_host_names() {
        use crate::discover::{Note, Outcome, SourceKind as K};
        let db = crate::providers::Database::bundled();
        let exmail = db.by_id("exmail").unwrap().provider.name.clone();
        let mx = finding(
            K::Mx,
            Note::Mx {
                exchange: "mxbiz1.qq.com".into(),
                provider: exmail,
            },
        );
        assert_eq!(
            found_by(&mx, Lang::En),
            "Found by MX mxbiz1.qq.com → Tencent Exmail (Tencent Enterprise Mail, WeCom Mail) · found through DNS (not authenticated): compare with your provider's own instructions"
        );
        assert_eq!(
            found_by(&mx, Lang::ZhHans),
            "通过 MX mxbiz1.qq.com → 腾讯企业邮箱（企业微信邮箱） 找到 · 通过 DNS 找到（未经认证）：请与服务商自己的说明核对"
        );
        assert!(found_by(&mx, Lang::ZhHant).starts_with("透過 MX mxbiz1.qq.com → 騰訊"));
        let auto = finding(K::Autoconfig, Note::Place("autoconfig.example.org".into()));
        assert_eq!(found_by(&auto, Lang::En), "Found by autoconfig.example.org");
        assert_eq!(
            found_by(&auto, Lang::ZhHans),
            "通过 autoconfig.example.org 找到"
        );
        // F5: the card says what rests on unauthenticated DNS (MX, SRV), and
        // not what came over HTTPS.
        assert!(!found_by(&auto, Lang::En).contains("not authenticated"));
        let srv = finding(K::Srv, Note::SrvRecords("example.org".into()));
        assert_eq!(
            found_by(&srv, Lang::ZhHant),
            "透過 example.org 的 SRV 記錄 找到 · 透過 DNS 找到（未經認證）：請與服務商自己的說明核對"
        );
        let guess = finding(K::Guess, Note::Guessed);
        assert!(found_by(&guess, Lang::En).starts_with("Guessed"));
        let http = finding(
            K::AutoconfigHttp,
            Note::PlainHttp("http://autoconfig.example.org".into()),
        );
        assert!(found_by(&http, Lang::ZhHans).contains("（明文 HTTP）"));
        for lang in [Lang::ZhHans, Lang::ZhHant] {
            let mut all = vec![
                looking_up("example.org", lang),
                testing_host("mail.example.org", lang),
                found_by(&guess, lang),
                found_by(&srv, lang),
            ];
            for o in [
                Outcome::NothingFound,
                Outcome::DeadlineReached,
                Outcome::DnsUnreachable,
            ] {
                all.push(nothing_found(&discovery(o), lang));
            }
            for s in all {
                let s = s.replace("example.org", "").replace("mail.", "");
                for w in words(&s) {
                    assert!(
                        ["DNS", "SRV", "HTTP"].contains(&w.as_str()),
                        "{lang:?}: {w:?} in {s}"
                    );
                }
            }
        }
        assert!(
            nothing_found(&discovery(Outcome::DeadlineReached), Lang::En).contains("10 seconds")
        );
        assert!(
            nothing_found(&discovery(Outcome::DnsUnreachable), Lang::ZhHans).contains("DNS 服务器")
        );
        // Discovery that could not run says why, in the engine's words.
        let a = crate::providers::Address::parse("me@example.org").unwrap();
        let broken =
            crate::discover::Discovery::failed(&a, "cannot start the lookup: out of threads");
        assert_eq!(
            nothing_found(&broken, Lang::ZhHans),
            "无法查找 example.org 的设置：cannot start the lookup: out of threads"
        );
    }

    #[test]
    fn simplified_and_traditional_differ_where_they_should() {
        // A copy-paste of Simplified into the Traditional column is the usual mistake.
        let same: Vec<_> = T::ALL
            .iter()
            .filter(|t| t.get(Lang::ZhHans) == t.get(Lang::ZhHant))
            .filter(|t| !t.get(Lang::ZhHans).is_ascii())
            .collect();
        let allowed = [
            T::ThemeDark,
            T::Cancel,
            T::ColSecurity,
            T::Secure,
            T::Insecure,
            T::Cancelled,
            T::CertTrusted,
            T::CertUntrusted,
            T::Validity,
            T::Use,
            // 收信方式 is written the same in both scripts.
            T::ExportProtocol,
        ];
        for t in same {
            assert!(allowed.contains(t), "{t:?} is the same in both scripts");
        }
    }
}
