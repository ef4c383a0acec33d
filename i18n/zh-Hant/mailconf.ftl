# mailconf 的繁體中文文字。訊息 id 與變數和 i18n/en/mailconf.ftl 完全相同；
# 術語以 i18n/glossary.tsv 為準。主機名稱、連接埠、日期、加密套件以及伺服器或系統的原話作為變數原樣顯示。

## Shared shapes

with-detail = { $sentence }：{ $detail }
# A label and its value ("SMTP: use smtp.qq.com:465 SSL/TLS").
label-value = { $label }：{ $value }
# Something with an aside in brackets ("Incoming mail (IMAP)", "QQ Mail (qq)").
in-parens = { $text }（{ $aside }）

## The probe's one-line summary of a way in

probe-secure = { $version } { $cipher }，憑證受信任
probe-secure-no-tls = 安全
probe-plain-endpoint = 不加密：網路路徑上的任何人都能讀取這個連線
probe-starttls-not-offered = 伺服器不支援 STARTTLS：只能明文連線
probe-starttls-refused = 伺服器拒絕了 STARTTLS：只能明文連線
probe-tls-error = TLS 錯誤：{ $problem }

tls-expired = 憑證已過期
tls-not-yet-valid = 憑證尚未生效
tls-wrong-name = 憑證上的名稱與此主機不符
tls-self-signed = 自簽署憑證，沒有任何機構為其擔保
tls-unknown-issuer = 憑證由未知的機構簽發
tls-invalid-certificate = 憑證無效
tls-protocol-version = 伺服器只支援 TLS 1.2 以下的舊版本
tls-no-common-cipher = 伺服器不接受 mailconf 提供的任何加密套件（TLS 1.2/1.3，ECDHE 金鑰交換）；它很可能只支援 RSA 或 DHE 金鑰交換，mailconf 不使用這類舊方式
tls-handshake-failed = TLS 交握失敗
tls-not-tls = 伺服器在此連接埠上沒有使用 TLS（可能是明文連接埠）
ca-file-unusable = 無法使用根憑證檔案 { $path }
ca-file-missing = 根憑證檔案 { $path } 不存在。
ca-file-no-certificate = 根憑證檔案 { $path } 中沒有憑證（沒有「{ $marker }」這一行）。
discover-ispdb-url-not-https = { $option } 「{ $url }」必須是 { $https } 網址（只有加上 { $allow } 才能用 { $http }）。
tls-setup-refused = TLS 設定被拒絕

cert-expired = 憑證已於 { $date } 過期（{ $days } 天前）
cert-not-yet-valid = 憑證在 { $date } 之前無效
cert-wrong-name = 憑證簽發給 { $names }，而不是此主機
cert-self-signed = 自簽署憑證（{ $subject }），沒有任何機構為其擔保
cert-unknown-issuer = 憑證由未知的機構簽發（{ $issuer }）
cert-untrusted = { $problem }（不受信任）
cert-untrusted-detail = { $problem }；{ $detail }（不受信任）
cert-report-only-nothing-sent = { $problem }；以僅報告模式讀取，未傳送任何機密
cert-report-only-password-sent = { $problem }；以僅報告模式讀取；因你允許了這張憑證，密碼已傳送

probe-dns = 找不到伺服器 { $host }（網域名稱解析失敗）
probe-refused = 連線被 { $addr } 拒絕
probe-unreachable = 無法連線到 { $addr }
probe-timeout-connect = { $secs } 秒內沒有回應：可能被防火牆或你的網路業者攔截
probe-timeout-reply = 伺服器沒有在 { $secs } 秒內完成回覆
probe-timeout-tls = TLS 交握沒有在 { $secs } 秒內完成
probe-timeout-overall = 探測沒有在 { $secs } 秒內完成
probe-dns-any = 網域名稱解析失敗
probe-refused-any = 連線被拒絕
probe-io = 連線出錯
probe-cancelled = 已取消
probe-protocol = 伺服器違反了協定

protocol-line-too-long = 伺服器傳送的一行超過了 { $max } 位元組
protocol-too-many-lines = 伺服器的一個回覆超過了 { $max } 行
protocol-too-many-bytes = 伺服器的一個回覆超過了 { $max } 位元組
protocol-malformed = 伺服器的回覆格式不正確
protocol-rejected = 伺服器拒絕了這次工作階段
protocol-unexpected = 伺服器對 { $command } 的回覆是
protocol-response-injection = 回應注入：在 { $command } 的確認之後、TLS 開始之前收到了 { $bytes } 位元組；已中止
protocol-unexpected-eof = 伺服器在回覆完成之前關閉了連線
protocol-finished = 協定工作階段已經結束（mailconf 的程式錯誤）

## The probe table and what follows it

table-probing = 正在測試 { $host }（{ $count } 種連線方式）
table-protocol = 協定
table-port = 連接埠
table-security = 加密
table-result = 結果
table-time = 耗時
table-details = 詳情
verdict-secure = 安全
verdict-plaintext = 僅明文
verdict-tls-error = TLS 錯誤：{ $problem }
verdict-refused = 拒絕連線
verdict-timed-out = 逾時
verdict-protocol-error = 協定錯誤
verdict-dns-error = DNS 錯誤

tls-label-expired = 憑證已過期
tls-label-not-yet-valid = 憑證尚未生效
tls-label-wrong-name = 憑證名稱不符
tls-label-self-signed = 自簽署憑證
tls-label-unknown-issuer = 憑證簽發機構不明
tls-label-invalid-certificate = 憑證無效
tls-label-protocol-version = TLS 版本過舊
tls-label-no-common-cipher = 沒有共同的加密套件
tls-label-handshake-failed = 交握失敗
tls-label-not-tls = 不是 TLS

login-line = └ 登入：{ $outcome }
login-success = 登入成功
login-credentials-rejected = 使用者名稱或密碼被拒絕
login-authorization-code-required = 需要授權碼
login-app-password-required = 需要應用程式專用密碼
login-service-disabled = 帳戶未開啟此服務
login-oauth2-required = 需要 OAuth2 登入
login-temporarily-unavailable = 暫時無法使用
login-encryption-required = 伺服器要求加密後才能登入
login-mechanism-not-offered = 伺服器未提供密碼登入方式
login-connection-problem = 連線出錯
login-unexpected-reply = 意外的回覆
login-not-tried = 未嘗試：{ $why }
not-tried-plaintext = 連線未加密
not-tried-untrusted-certificate = 憑證不受信任（{ $problem }）
not-tried-rejected-elsewhere = 同一組憑據已在 { $protocol } { $port } 上被拒絕
not-tried-failed-elsewhere = { $protocol } { $port } 上的登入已傳送密碼但未成功（{ $outcome }）；再試可能導致帳戶被鎖定
not-tried-probe-failed = 探測失敗
not-tried-preauthenticated = 已預先登入（PREAUTH）
login-risk-plaintext = 不加密：網路路徑上的任何人都能讀到密碼
login-risk-certificate = 憑證不受信任；只適用於 SHA-256 為 { $fingerprint } 的憑證
login-at-your-own-risk = （風險自負，{ $risk }：{ $flag }）
mailbox-check-after-id = 傳送 ID 後
mailbox-check-without-id = 未傳送 ID

advice-heading = 建議：
recommendation-heading = 推薦設定（RFC 8314：優先隱式 TLS，其次 STARTTLS；絕不使用明文）：
recommendation-also = {"   "}（也可：{ $alternatives }）
recommendation-none = 未找到安全的連線方式

## The probe table's cells
# The DETAILS cell: the summary, then what the server offers.
table-details-with-capabilities = { $summary }；{ $capabilities }

## Passwords on the command line

password-prompt = { $who } 的密碼（輸入時不顯示）：
password-stdin-failed = 無法從標準輸入讀取密碼
password-env-unset = 環境變數 { $var } 未設定（或不是有效的 UTF-8）
password-read-failed = 無法讀取密碼
password-needed = 需要密碼：使用 { $flags }，或在終端機中執行以便輸入
password-empty = 密碼為空

## Discovery

at-url = { $url }：{ $sentence }
list-separator = {"；"}
prov-database = 資料庫 { $matched } → { $provider }
prov-database-parent = 資料庫 { $matched }（上層網域）→ { $provider }
prov-mx = MX { $exchange } → { $provider }
prov-place = { $place }
prov-plain-http = { $place }（明文 HTTP）
prov-redirected = { $place }（被重新導向到明文 HTTP）
prov-ispdb-mx = ISPDB { $domain }（MX { $exchange }）
prov-srv = SRV { $label }._tcp
prov-srv-records = { $domain } 的 SRV 記錄
prov-guessed = 猜測
src-no-database-entry = 資料庫中沒有 { $domain } 的項目
src-no-usable-mx = 沒有可用的 MX 記錄
src-no-mx = 沒有 MX 記錄
src-mx-matches-nothing = MX { $hosts } 與資料庫中的服務商都不相符
src-mx-no-base-domain = MX { $exchange } 沒有可註冊的主網域
src-mx-inside-domain = MX 主機 { $exchange } 就在該網域之內
src-missing = { $url }：HTTP { $status }
src-no-usable-srv = { $domain } 沒有可用的 SRV 記錄
src-every-srv-ignored = { $domain } 的所有 SRV 記錄都被忽略
src-no-guess-resolves = { $domain } 的常用主機名稱（pop.、imap.、smtp.、mail.、網域本身）都無法解析
src-guesses-unanswered = 檢查了 { $count } 個猜測的伺服器，沒有一個像郵件伺服器那樣回應（{ $failures }）
src-guess-failure = { $place } { $detail }
src-cancelled-decided = 已取消：更受信任的來源已有答案
src-cancelled = 已取消
src-still-running = 截止時間到時仍在執行
ign-srv-outside = 目標 { $target } 不在 { $domain } 之內，也不是資料庫已知的伺服器；DNS 回應可能遭偽造，因此未採用
ign-too-many-of-protocol = 未探測：一個回應中有超過 { $max } 個 { $protocol } 伺服器
ign-too-many = 未探測：一個回應中有超過 { $max } 個伺服器
ign-more-servers = 另外 { $count } 個伺服器
ign-too-many-servers = 未探測：一個回應中的伺服器太多
verify-unfinished = 探測在查找的截止時間前未完成
dns-no-such-name = { $name } 沒有 { $rtype } 記錄（該名稱不存在）
dns-no-records = { $name } 沒有 { $rtype } 記錄
dns-unreachable = DNS 伺服器 { $server } 無法連線
dns-server-refused = 連線被拒絕（該位址和連接埠上沒有 DNS 服務）
dns-server-no-answer = { $ms } 毫秒內沒有回應
dns-timeout = DNS 查詢 { $name }（{ $rtype }）逾時
dns-failed = DNS 查詢 { $name }（{ $rtype }）失敗
dns-config = 無法設定 DNS
dns-server-address = 「{ $value }」不是 DNS 伺服器位址：請用「IP」或「{ $shape }」，例如「{ $example }」或「{ $example6 }」。
http-cannot-connect = 無法連線到 { $target }
http-timed-out = 逾時
http-deadline = 截止時間前沒有完整的回應
http-not-utf8 = 文件不是 UTF-8 文字
http-status = HTTP 狀態碼 { $status }
http-too-large = 已拒絕：文件超過 { $limit } 位元組（1 MiB）的上限
http-insecure-redirect = 已拒絕重新導向到明文 HTTP（{ $to }）：自動設定文件只透過 HTTPS 取得
http-too-many-redirects = 已拒絕：重新導向超過 { $max } 次
http-setup = 無法設定 HTTPS 用戶端
found-by = 透過 { $provenance } 找到
nothing-found-because = 沒有找到 { $domain } 的設定：{ $why }
nothing-found-deadline = 截止時間（{ $secs } 秒）前沒有找到 { $domain } 的設定；仍在執行的來源已停止
nothing-found-answered = 沒有找到 { $domain } 的設定：每個來源都已回應，但都沒有設定
nothing-found-some-failed = 沒有找到 { $domain } 的設定：沒有來源提供設定，另有 { $failed } 個來源無法查詢（見各來源）

## What mailconf says about a settings document it read

language-name = { $code ->
        [cs] 捷克語
        [da] 丹麥語
        [de] 德語
        [en] 英語
        [es] 西班牙語
        [et] 愛沙尼亞語
        [fr] 法語
        [it] 義大利語
        [ja] 日語
        [lt] 立陶宛語
        [lv] 拉脫維亞語
        [nl] 荷蘭語
        [pl] 波蘭語
        [pt] 葡萄牙語
        [ru] 俄語
        [sr] 塞爾維亞語
        [zh] 中文
       *[other] { $code }
    }
import-help-page-in = 說明頁面（{ $language }）：{ $title }
import-help-page = 說明頁面：{ $title }
import-note-plaintext = 來源資料中列出的明文伺服器；密碼會以未加密的形式在網路上傳輸。
import-note-plaintext-no-login = 來源資料中列出的明文伺服器；郵件會以未加密的形式在網路上傳輸。
import-note-username = 來源資料給出的使用者名稱格式為 { $form }。
import-note-own-network = 來源資料稱此伺服器只接受來自服務商自身網路的用戶端。
import-enable-access-at = 請先在網頁版設定中開啟 POP3/IMAP 存取：{ $url }
import-enable-access = 請先在網頁版設定中開啟 POP3/IMAP 存取。
import-no-dot-before-placeholder = 「{ $prefix }」在預留位置之前沒有以點結尾
import-bad-port = 沒有有效的連接埠（1-65535）
import-unknown-socket-type = 未知的 {"socketType"}「{ $value }」
import-url-not-http = 不是 {"http"} 或 {"https"} 網址
import-url-space = 網址中含有空格或控制字元
import-url-too-long = 網址超過 { $bytes } 位元組
import-oauth2-missing = 缺少 <{ $element }>
import-oauth2-invalid = OAuth2 設定 { $field } 無法使用
import-oauth2-from-run-time = OAuth2 端點只取自 mailconf 內建的資料庫，從不取自執行時找到的檔案

## `mailconf discover`

discover-state-found = 找到
discover-state-nothing = 無
discover-state-failed = 失敗
discover-state-not-needed = 無需等待
discover-state-timed-out = 逾時
discover-unauthenticated = 透過 DNS 找到（未經認證）：網路路徑上的任何人都可能偽造它；請與服務商自己的說明核對
discover-username = 使用者名稱：{ $form }
discover-answered = 已回應：{ $detail }
discover-check-failed = 檢查失敗：{ $detail }
discover-found = 來源：{ $provenance }
discover-deadline = 在 { $secs } 秒的時限內未找到 { $domain } 的設定。
discover-dns-unreachable = 未找到 { $domain } 的設定：無法連線 DNS 伺服器。
discover-some-failed = 未找到 { $domain } 的設定：沒有來源提供設定，部分來源無法查詢（見下文）。
discover-all-answered = 未找到 { $domain } 的設定：所有來源均已回應，都沒有可用設定。
discover-alternatives = 備選：
discover-ignored = 已忽略：
discover-sources = 各來源：

## Status lines on standard error

status-from-database = { $provider }（{ $id }），來自服務商資料庫
status-discovered = 資料庫中沒有；查找結果：{ $provenance }

## The app's words about discovery

found-by-sentence = 透過 { $provenance } 找到
found-by-guessing = 猜測得出：常用的伺服器名稱有回應。
found-by-unauthenticated = { $found } · 透過 DNS 找到（未經認證）：請與服務商自己的說明核對

## Export errors

export-no-server = 資料庫中的 { $provider } 沒有 { $protocol } 伺服器
export-only-plaintext = { $provider } 只列出了不加密的 { $protocol } 伺服器；mailconf 不匯出會以明文傳送密碼的設定
export-oauth2-only = { $provider } 只接受 OAuth2 登入，不接受密碼；請在支援 OAuth2 的郵件用戶端中設定這個帳戶
export-nothing-secure = 探測沒有找到安全的 { $protocol } 伺服器：沒有經過驗證的設定可匯出
export-wrong-protocol = { $role ->
        [incoming] 收信
       *[other] 寄信
    }伺服器必須是 { $expected }，而不是 { $found }
export-plaintext = { $host }:{ $port } 不加密；mailconf 只匯出使用 TLS 或 STARTTLS 的伺服器
export-address-required = { $format } 格式需要完整的郵件地址，只有服務商不夠
export-password-not-supported = { $format } 格式不能包含密碼；請不帶密碼匯出
export-unsupported = { $format } 格式無法表達：{ $what }
export-unrepresentable = { $field } 無法寫入 { $format } 檔案：{ $reason }
export-write = 無法寫出 { $format } 文件：{ $message }

## Provider files

provider-file-unreadable = { $file }：無法讀取（{ $detail }）
provider-file-parse = { $file }，第 { $line } 行第 { $column } 欄：這不是 mailconf 能讀取的服務商條目。JSON 解析器的原話：{ $field }{ $detail }
provider-field-prefix = 欄位 `{ $field }`：
provider-file-invalid = { $file }：欄位 `{ $field }`：{ $problem }
provider-file-duplicate-domain = { $file }：網域 { $domain } 已由 { $other }（{ $other_file }）提供
provider-file-duplicate-id = { $file }：編號 { $id } 已被 { $other_file } 使用
provider-file-skipped = 警告：已略過一個服務商檔案：{ $problem }
validate-error = 錯誤：{ $problem }
validate-summary = 已檢查 { $files } 個檔案，發現 { $problems } 個問題

## What is wrong in a provider entry

validate-empty-text = 文字為空：每段文字都需要三種語言
validate-not-http-url = 「{ $value }」不是 {"http(s)"} 網址
validate-bad-id = 「{ $value }」只能由小寫字母、數字、{"'-'"} 和 {"'.'"} 組成
validate-id-not-file-name = 「{ $id }」與檔案名稱「{ $stem }{".json"}」不一致
validate-nothing-matches = 沒有 {"domains"} 也沒有 {"mx_suffixes"}：不會有任何地址符合這個服務商
validate-bad-domain = 「{ $value }」不是小寫 {"ASCII"} 網域（請使用 {"punycode"}）
validate-listed-twice = 「{ $value }」列出了兩次
validate-bad-mx-suffix = 「{ $value }」不是小寫 {"ASCII"} 主機名稱後綴
validate-bad-year = { $year } 不是合理的年份
validate-no-incoming = 仍在服務的服務商至少需要一台內送伺服器
validate-no-outgoing = 仍在服務的服務商至少需要一台外寄伺服器
validate-wrong-list = { $protocol } 不應在這裡：{ $list ->
        [outgoing] 外寄伺服器只能是 {"smtp"}
       *[incoming] 內送伺服器只能是 {"pop3"} 或 {"imap"}
    }
validate-bad-host = 「{ $value }」不是小寫 {"ASCII"} 主機名稱
validate-port-zero = 連接埠 0 不是有效的連接埠（1-65535）
validate-plain-without-note = 明文伺服器需要一條說明，指出它是不安全的舊方式
validate-same-server-twice = 同一台伺服器列出了兩次
validate-empty-reply = 空文字會符合所有回覆
validate-no-source = 每個條目至少需要一個來源
validate-bad-month = 「{ $value }」不是 {"YYYY-MM"} 格式的月份
validate-source-about-empty = 請說明這個來源支持哪些事實
validate-hand-no-url = 手寫的條目至少需要一個帶網址的來源
validate-hand-no-own-page = 手寫的條目需要一個來自服務商自己網頁的來源（{"kind provider-docs"}，帶網址和核對月份），或一個說明原因的 {"no-provider-page"} 來源
validate-hand-unbacked = {"oauth2"} 部分需要一個帶網址、且 {"about"} 中寫明「{ $fact }」的來源
validate-hand-why-no-page = 請說明找過什麼，以及為什麼無法使用服務商自己的網頁

# 服務商項目中 OAuth2 部分的問題（src/providers/oauth2.rs）。
oauth2-problem-url-too-long = 網址超過 { $bytes } 位元組
oauth2-problem-url-space = 網址中含有不允許的字元：{ $found }
oauth2-problem-url-not-ascii = 網址中含有非英文字元（主機名稱須先轉換為國際化網域名稱的編碼形式，路徑須使用百分比編碼）
oauth2-problem-not-https = 網址不以「{ $scheme }」開頭：OAuth2 端點必須是加密的網址
oauth2-problem-url-user-info = 網址中帶有使用者名稱或密碼
oauth2-problem-bad-port = 「{ $value }」不是有效的連接埠（1-65535）
oauth2-problem-url-fragment = 網址帶有片段（#…）
oauth2-problem-tenant-not-taken = 網址中含有「{ $placeholder }」，但條目沒有指定租用戶
oauth2-problem-tenant-segment = 「{ $placeholder }」必須獨占路徑中的一段
oauth2-problem-stray-brace = 網址中含有「{ $placeholder }」路徑段以外的大括號
oauth2-problem-no-host = 網址中沒有主機名稱
oauth2-problem-ip-address = 「{ $value }」是 {"IP"} 位址，不是主機名稱
oauth2-problem-bad-host = 「{ $value }」不是有效的主機名稱（只能使用小寫字母、數字、連字號和點，國際化網域名稱須先轉換）
oauth2-problem-looks-like-ip = 「{ $value }」看起來像 {"IP"} 位址，不是主機名稱
oauth2-problem-empty-scope = 有一個權限範圍是空的
oauth2-problem-scope-too-long = 有一個權限範圍超過 { $bytes } 位元組
oauth2-problem-scope-character = 權限範圍中含有 RFC 6749 不允許的字元：{ $found }（只能使用可列印的英文字元，不能有空格、「{ $quote }」和「{ $backslash }」）
oauth2-problem-bad-tenant = 「{ $value }」不是租用戶：請使用「{ $common }」、「{ $organizations }」、「{ $consumers }」、租用戶 ID（例如「{ $guid }」）或租用戶的網域（例如 { $example }）
oauth2-problem-no-scopes = 沒有權限範圍：沒有郵件權限範圍的權杖打不開任何郵箱
oauth2-problem-takes-no-tenant = 這個服務商的登入不使用租用戶

## Advice (src/advice/mod.rs): what the results mean and what to do

advice-the-server = 伺服器
advice-discontinued-replaced = { $provider }已於 { $year } 年關閉；{ $replacement }。
advice-discontinued = { $provider }已於 { $year } 年關閉，沒有可以測試的伺服器了。
advice-nothing-found-for = 沒有找到 { $domain } 的郵件設定。請檢查地址是否有誤；如果你知道郵件伺服器的名稱（可以問服務商或管理員），請直接測試該名稱，例如 { $command }。
advice-dns-unreachable-at = 無法連線到 DNS 伺服器 { $server }，因此還無法得知這個網域的任何資訊：請檢查網路連線（或用 {"--dns"} 指定的伺服器），然後重新測試。
advice-authorization-code = { $provider }需要使用授權碼，而不是網頁登入密碼。請登入網頁版郵箱，開啟「設定 → POP3/SMTP/IMAP」，開啟服務並產生授權碼，把它當作密碼填寫{ $spaces ->
        [yes] （不要帶空格）
       *[no] {""}
    }。
advice-app-password = { $provider }在郵件用戶端中不接受一般密碼。請開啟兩步驟驗證，在帳戶的安全性設定中建立應用程式專用密碼，並把它當作密碼填寫{ $spaces ->
        [yes] （不要帶空格）
       *[no] {""}
    }。
advice-oauth2-only = { $provider }的 POP、IMAP 和 SMTP 已不再接受密碼（包括應用程式專用密碼），只能透過 OAuth2 登入。請使用支援 OAuth2（「使用 Microsoft 帳戶登入」）的郵件用戶端，例如 Thunderbird、Outlook 或 Apple 郵件；上面的伺服器設定不變。
advice-service-not-enabled = { $provider }尚未為此帳戶開啟 POP3/IMAP/SMTP 服務。請在網頁版郵箱的設定中開啟（通常在「POP3/SMTP/IMAP」或「轉寄和 POP/IMAP」下），然後重新測試。
advice-credentials-rejected = { $provider }拒絕了使用者名稱或密碼。請檢查兩者（使用者名稱通常是完整的郵件地址），並注意密碼是否已變更或是否開啟了大寫鎖定。
advice-imap-id-required = { $provider }對不傳送 ID 指令的 IMAP 用戶端會拒絕開啟郵箱（「{"Unsafe Login"}」）。請使用會傳送 ID 指令的用戶端（Thunderbird、Foxmail、服務商自己的用戶端），或改用 POP3。
advice-login-stopped = 第一次被拒絕後，mailconf 沒有在其他伺服器上再試同一密碼，以免帳戶被鎖定。
advice-temporarily-unavailable = { $provider }暫時無法登入（伺服器忙碌、郵箱正被使用或登入過於頻繁）。請等幾分鐘再試，並關閉其他正在使用此帳戶的郵件用戶端。
advice-insecure-login-not-tried = 在未加密或憑證不受信任的連線上沒有傳送密碼：網路上的任何人都可能讀取它。請使用推薦的安全設定。
advice-encryption-required = 伺服器拒絕未加密的登入（這是好事）。請使用 SSL/TLS 或 STARTTLS。
advice-login-works = 使用者名稱和密碼可以正常登入。
advice-port25-blocked = 從這裡無法連線 25 連接埠（網路業者常會封鎖），但 465/587 可用：請透過 465（SSL/TLS）或 587（STARTTLS）寄信。
advice-port25-blocked-use = 從這裡無法連線 25 連接埠（網路業者常會封鎖）。請透過可用的 { $ports }寄信。
advice-port-with-security = { $port }（{ $security }）
advice-or = {"或 "}
advice-starttls-missing = 部分連接埠只能不加密使用（不支援或拒絕 STARTTLS）：密碼和郵件會以明文傳輸。請不要使用這些連接埠。
advice-certificate-expired = 伺服器憑證已過期（或尚未生效），連線不受信任，需要服務商更新憑證。也請檢查本機日期是否正確。
advice-certificate-wrong-name = 伺服器憑證上的名稱不符：伺服器名稱填錯了，或有人在攔截連線。請使用服務商公布的伺服器名稱。
advice-certificate-untrusted = 伺服器憑證不是由受信任的機構簽發的（自簽署或未知簽發者）。密碼可能被截取；除非管理員要求，請不要接受該憑證。
advice-dns-failure = 找不到伺服器名稱（DNS 解析失敗）。請檢查郵件地址或伺服器名稱的拼寫，並確認本機已連網。
advice-everything-blocked = 所有郵件連接埠都沒有回應。可能是防火牆、代理或所在網路（公司、學校、飯店 Wi-Fi 等）封鎖了郵件連線；請換一個網路試試，或詢問網路管理員。
advice-service-closed = 這個郵件服務已經關閉。
advice-nothing-found = 沒有找到這個網域的郵件設定。請檢查地址是否有誤，或直接測試郵件伺服器的名稱。

## Why a check could not run

check-discontinued = { $provider }已於 { $year } 年停止服務，沒有可以探測的伺服器
check-credentials = {"--user"}/密碼：{ $problem }
credentials-empty-username = 使用者名稱為空
credentials-control-username = 使用者名稱含有控制字元（換行、{"NUL"} 等）
credentials-control-password = 密碼含有控制字元（換行、{"NUL"} 等）
check-no-user = 給出了密碼但沒有使用者名稱：請加上 {"--user"}（或以郵件地址作為目標）
check-consent-needs-host = {"--allow-insecure-auth"} { $consent } 沒有指明主機，而這次要探測多台主機：{ $hosts }；請寫成 {"protocol:HOST:port:security"}，例如 { $example }
check-no-endpoints = 沒有剩下可探測的連線方式（請檢查 {"--only"}）
check-tls-setup = 無法設定 TLS
check-runtime = 無法開始檢查
check-ended-without-answer = 檢查結束了，但沒有結果
check-no-thunderbird-profile = { $option }：找不到 Thunderbird 設定檔資料夾（已查看 { $folder } 下的 { $ini } 以及系統的常用位置）；請指定設定檔資料夾：{ $example }
check-nothing-to-check = 沒有指定檔案，常用的檔案（{ $files }、Thunderbird 設定檔資料夾）也都不存在：請寫出要檢查的檔案。

## What exported files say about themselves (src/export/provenance.rs)

export-generated = { $who } 的郵件設定，由 mailconf 產生。
export-from-database = 設定來自 mailconf 的服務商資料庫（條目「{ $entry }」），未經伺服器實測。
export-from-discovery = 設定由 mailconf 在網路上查找得出（{ $provenance }），未經伺服器實測。
export-tested-on = 已由 mailconf 於 { $when } 對伺服器實測：
export-certificate-fingerprint = 憑證 SHA-256 { $fingerprint }
export-login-ok = 登入成功
export-login-failed = 登入失敗
export-endpoint-verdict = - { $protocol } { $host }:{ $port }（{ $security }）：{ $facts }
export-facts-separator = {"；"}
export-leave-on-server = 下載後郵件保留在伺服器上（只下載，不刪除）。
export-delete-from-server = 下載後從伺服器上刪除郵件。
export-no-keep-setting = 此檔案無法設定「在伺服器上保留郵件」，將沿用用戶端自己的預設設定（您選擇了保留郵件：請檢查用戶端的 POP 設定）。
export-no-delete-setting = 此檔案無法設定「下載後從伺服器刪除郵件」，將沿用用戶端自己的預設設定（您選擇了刪除：請在用戶端的 POP 設定中變更）。
export-imap-id-no-setting = { $provider } 要求 IMAP 用戶端傳送 ID 指令（RFC 2971），否則開啟郵箱時會出現「{"Unsafe Login"}」錯誤。此檔案無法設定這一項，將沿用用戶端自己的行為：如果用戶端不傳送 ID，請改用 POP3（{ $command }）。
export-imap-id-client-cannot = { $provider } 要求 IMAP 用戶端傳送 ID 指令（RFC 2971），而 { $format } 無法傳送：開啟郵箱時會出現「{"Unsafe Login"}」錯誤。請改用 POP3（{ $command }）。
export-good-to-know = 注意：{ $note }。

## A mail program's settings file (src/existing/)

kind-thunderbird = Thunderbird 設定檔資料夾
kind-fetchmail = fetchmail 設定檔
kind-msmtp = msmtp 設定檔
kind-mutt = mutt / neomutt 設定檔
kind-getmail = getmail 設定檔
kind-apple = Apple 描述檔
kind-mailconf-json = mailconf JSON 匯出檔
kind-autoconfig = Thunderbird 自動設定檔

field-host = 伺服器
field-port = 連接埠
field-security = 連線安全性
field-auth = 驗證方式
field-username = 使用者名稱

auth-automatic = 自動
auth-none = 無
auth-password = 一般密碼
auth-encrypted-password = 加密的密碼
auth-external = 外部（憑證）

read-not-found = 無法讀取 { $path }：檔案不存在。
read-permission = 無法讀取 { $path }：你沒有讀取它的權限。
read-io = 無法讀取 { $path }：系統回報：{ $reason }。
read-too-large = { $path } 有 { $size } 位元組，超過這類檔案 { $limit } 位元組的上限。
read-not-a-file = { $path } 是{ $what }，不是檔案：只讀取一般檔案。
read-line-too-long = { $path } 第 { $line } 行：超過 { $limit } 位元組。
read-encoding = { $path } 第 { $line } 行：不是有效的 UTF-8 文字。
read-syntax = { $path } 第 { $line } 行：格式錯誤（{ $message }）。
read-unknown-format = { $path }：無法判斷這個檔案屬於哪個程式（Thunderbird、fetchmail、msmtp、mutt、getmail、Apple 描述檔、mailconf JSON、autoconfig）。
read-unsupported = { $path }：不支援（{ $what }）。
read-unsupported-outlook = Outlook 把設定保存在系統登錄檔和二進位檔案中，mailconf 無法讀取；請改為在 mailconf 中輸入你的地址（「{ $probe }」、「{ $export }」）
read-unsupported-foxmail = Foxmail 把設定保存在二進位檔案中，mailconf 無法讀取；請改為在 mailconf 中輸入你的地址（「{ $probe }」、「{ $export }」）
read-unsupported-folder = 這個資料夾裡沒有 { $file }：請指定 Thunderbird 設定檔資料夾或一個檔案
read-unsupported-newer-export = { $field } { $version } 比這個版本的 mailconf 能讀取的版本（{ $known }）新

note-not-understood = 無法識別；原樣保留
note-client-refuses = 該程式本身會拒絕這一行，進而拒絕整個檔案
note-source-not-followed = 「source」：未讀取被引入的檔案（請單獨檢查）
note-command-not-run = 命令：僅顯示，mailconf 不會執行
note-hook-not-read = 掛鉤（hook）：其中的設定稍後才生效，未讀取
note-signature-not-verified = 已簽署的描述檔：已讀取其內容，未驗證簽章
note-mailbox-elsewhere = 另一台伺服器上的郵箱：其帳戶在掛鉤（hook）中設定，未檢查

## Applying a corrected Thunderbird file

thunderbird-step-quit = 完全結束 Thunderbird（操作期間它不能在執行）。
thunderbird-step-save = 把這段內容儲存為設定檔資料夾 { $profile } 中的 user.js（如已有 user.js，把這些行加到結尾）。
thunderbird-step-start = 啟動 Thunderbird：它會讀取 user.js 並儲存這些設定。然後再次結束並刪除 user.js，否則每次啟動都會重設這些設定。
thunderbird-menu-outgoing-server = 帳號設定 → 寄件伺服器（SMTP）→ 編輯
thunderbird-menu-server-settings = 帳號設定 → 伺服器設定
thunderbird-security = { $security ->
        [tls] SSL/TLS
        [starttls] STARTTLS
       *[none] 無
    }
thunderbird-step-by-hand = 也可以在「{ $place }」中手動修改：伺服器 { $host }，連接埠 { $port }，連線安全性 { $security }，驗證方式「一般密碼」，使用者名稱 { $user }。

## Checking the settings a user already has (src/check/existing.rs,
## `mailconf check`, the app's "Check my current settings")

existing-password-not-in-file = 不在檔案中
existing-password-in-file = 在檔案中（不顯示）
existing-password-command = 來自命令「{ $command }」（未執行）
existing-file-says = 檔案中的設定：{ $host }:{ $port } { $security }，登入方式 { $auth }，使用者名稱 { $user }，密碼{ $password }
existing-change = 第 { $line } 行：{ $field } { $before } → { $after }
existing-verdict = 結論：{ $verdict }
existing-what-changed = 變化：「{ $change }」
existing-saved = 已儲存：{ $path }
existing-not-saved = 未儲存：{ $error }

# OAuth2（issue 17）。命令、選項、檔案名稱和關鍵字以變數傳入，在各語言中原樣顯示。
credentials-bad-token = 存取權杖含有 OAuth2 權杖中不可能出現的字元
advice-oauth2-token-accepted = OAuth2 登入可用：伺服器接受了存取權杖。
advice-oauth2-token-rejected = { $provider }拒絕了存取權杖（已過期、已撤銷或屬於其他帳戶）。請用此帳戶重新登入（{ $command }，或在視窗中按「登入」），然後重新測試。
advice-oauth2-scope-missing = { $provider }表示權杖缺少此協定所需的權限。請在應用程式註冊中加入郵件權限（見說明文件「OAuth2 登入」一節），重新登入並同意授權，然後重新測試。
advice-oauth2-protocol-disabled = 權杖有效，但{ $provider }為此郵箱或整個組織關閉了 POP 或 IMAP。Outlook 網頁版：設定 → 郵件 → 轉寄和 IMAP。Microsoft 365：由管理員在「使用者 → 郵件 → 管理電子郵件應用程式」中開啟。
advice-smtp-auth-disabled = { $provider }為此郵箱或整個組織關閉了 SMTP 驗證，郵件用戶端無法寄信（Microsoft 365 中很常見）。請管理員為此郵箱開啟「經過驗證的 SMTP」（使用者 → 郵件 → 管理電子郵件應用程式）；收信不受影響。
export-oauth2-sign-in-once = OAuth2：先用 { $login } 登入一次（重新整理權杖保存在系統鑰匙圈中）；之後 { $client } 每次都會透過 { $token } 取得新的存取權杖。
export-oauth2-fetchmail-builds = { $keyword } 需要支援 OAuth2 的 fetchmail（{ $builds }）；{ $distributions } 的 fetchmail 6.4 會拒絕此檔案，請改用 getmail6（{ $command }）或 neomutt。
export-oauth2-fetchmail-run = 執行時透過管線傳入權杖，權杖不會寫入任何檔案：{ $command }
export-oauth2-thunderbird = OAuth2：新增帳戶時 Thunderbird 會自行開啟服務商的登入頁面，不需要輸入密碼。
signin-signing-in-now = 沒有保存 { $account } 的登入，現在開始登入。
signin-signed-in-to-file = 已以 { $account } 登入 { $provider }；重新整理權杖保存在 { $file }（權限 0600），而不是系統鑰匙圈中。執行 { $command } 時也要加上 { $option }。
app-signin-client-id = OAuth2 用戶端 ID
app-signin-client-id-hint = 你在服務商處註冊的應用程式的 ID
app-signin-sign-in = 登入
app-signin-cancel = 取消登入
app-signin-no-client-id = 請先填寫你在服務商處註冊的應用程式的用戶端 ID。
app-signin-no-oauth2 = mailconf 不了解此服務商的 OAuth2 登入方式。
app-signin-sign-in-first = 此服務商只接受 OAuth2：請先登入再測試登入（不登入時「測試連線」只檢查伺服器）。
app-signin-waiting = 正在等待瀏覽器：請在服務商的頁面上登入。
app-signin-cancelled = 登入已取消。
app-signin-signed-in = 已以 { $account } 登入。「測試連線」現在會使用權杖。
app-signin-not-kept = （系統鑰匙圈無法使用：關閉視窗後不會保留登入。）
app-signin-failed = 登入失敗：{ $reason }
signin-page-signed-in = 已登入。可以關閉此視窗，回到 mailconf。
signin-page-refused = 登入未完成，原因請看 mailconf。
signin-page-state-mismatch = 此回應不屬於 mailconf 發起的登入，已拒絕。
signin-device-prompt = 請在瀏覽器中開啟 { $url } 並輸入代碼 { $code }（{ $minutes } 分鐘內有效）。mailconf 在此等待。
signin-error-setup = 無法開始登入：{ $message }
signin-setup-no-loopback-port = 無法在 127.0.0.1 上開啟接收瀏覽器回覆的連接埠。
signin-setup-bad-url = 服務商的{ $which ->
        [authorization] 登入頁位址
        [redirect] 重新導向位址
        [device] 裝置登入位址
       *[token] 權杖位址
    }無法使用。
signin-setup-ca-refused = { $option } 中的一張 CA 憑證被拒絕。
signin-setup-http-client = 無法建立到登入伺服器的安全連線。
signin-setup-no-redirect-answer = 有 { $count } 個連線到達 mailconf 的連接埠，但都沒有帶來登入的結果。請重新開始登入。
signin-setup-worker = mailconf 無法啟動登入的背景工作。
signin-error-no-device-flow = 此服務商的郵件登入不支援裝置代碼方式，請改用瀏覽器登入。
signin-error-http = 無法連線登入伺服器 { $url }，或其回應無法使用：{ $message }
signin-refused-consent = 你（或管理員）拒絕了 mailconf 要求的存取權限（{ $code }）{ $detail }。請重新登入並允許。
signin-refused-client = 服務商不接受此用戶端 ID（{ $code }）{ $detail }。請檢查你註冊的用戶端 ID，以及它是否為允許這類帳戶使用的桌面或公用用戶端。
signin-refused-tenant = 此帳戶不屬於 mailconf 所要求的租用戶（{ $code }）{ $detail }。請用 { $option } 指定你所在組織的租用戶（租用戶 ID 或網域），或使用 { $common }。
signin-refused-scope = 服務商拒絕為此用戶端授予郵件權限（{ $code }）{ $detail }。請在註冊的應用程式中新增 IMAP、POP 和 SMTP 權限。
signin-refused-expired = 登入已過期或已被撤銷（{ $code }）{ $detail }。請重新登入。
signin-refused-other = 服務商拒絕了登入（{ $code }）{ $detail }。
signin-error-state-mismatch = 收到的回應不屬於本次登入，mailconf 已拒絕。請重新登入。
signin-error-timed-out = 登入未在 { $seconds } 秒內完成，請重新開始。
signin-error-cancelled = 登入已取消。
signin-open-browser = 請在瀏覽器中登入；如果瀏覽器沒有開啟，請開啟：
signin-no-refresh-token = 服務商沒有提供重新整理權杖，因此無法保存登入；請檢查應用程式是否允許離線存取（{ $scope }）。
signin-signed-in = 已以 { $account } 登入 { $provider }；重新整理權杖保存在系統鑰匙圈中。{ $command } 會輸出存取權杖。

## OAuth2: the command line's errors, what is kept, and the window's tenant,
## client secret and device code (src/cli/oauth2.rs, src/signin/store.rs,
## src/app/signin.rs)
oauth2-cli-not-an-address = { $account } 不是郵件地址：請以「使用者名稱@網域」的形式給出帳戶。
oauth2-cli-no-oauth2 = mailconf 不了解 { $account }（{ $provider }）的 OAuth2 登入方式。
oauth2-cli-no-client-id = 沒有用戶端 ID：請在服務商處註冊一個應用程式（見「{ $readme }」的 OAuth2 登入一節），並用 { $option } 提供它的 ID。
oauth2-cli-no-tenant = { $provider } 不使用租用戶：請去掉 { $option }。
oauth2-cli-option = { $option }：{ $problem }
oauth2-cli-secret-env-unset = { $option }：環境變數 { $var } 未設定或為空。
oauth2-bad-tenant = 「{ $tenant }」不是租用戶。請填寫「{ $common }」、「{ $organizations }」、租用戶 ID 或租用戶的網域（例如 { $example }）。
oauth2-store-not-signed-in = 沒有保存 { $account } 的登入：請先執行 { $command }。
oauth2-store-keyring = 無法使用系統鑰匙圈：{ $reason }
oauth2-store-clients = 無法在 { $file } 中記住用戶端 ID：{ $reason }
oauth2-store-no-config-dir = 無法記住用戶端 ID：沒有可以保存 { $file } 的設定目錄（找不到主目錄；可用 { $variable } 指定一個）。
oauth2-token-file-not-regular = { $file } 不是一般檔案（而是連結、裝置或資料夾）；重新整理權杖只從一般檔案讀取。
oauth2-token-file-open-to-others = 其他人可以存取 { $file }（權限 { $mode }）；請對它執行 { $command }。
oauth2-token-file-too-large = { $file } 太大，不可能是重新整理權杖。
oauth2-token-file-no-token = { $file } 中沒有重新整理權杖。
oauth2-token-file-unusable = 無法使用 { $file }：{ $reason }
app-signin-tenant = 租用戶
app-signin-tenant-hint = 留空則為 { $default }；也可填租用戶 ID 或網域
app-signin-client-secret = 用戶端密鑰
app-signin-client-secret-hint = 僅當服務商提供了密鑰時填寫（如 { $example } 的電腦版應用程式）
app-signin-instead-of-password = 用 OAuth2 登入，代替密碼
app-signin-optional = 登入後，「測試連線」會傳送權杖而不是密碼。
app-signin-with-code = 用代碼登入
app-signin-with-code-tip = 此處無法開啟瀏覽器時使用：你會得到一個代碼，在另一台裝置上輸入。
app-signin-copy-code = 複製代碼
app-signin-device-asking = 正在向服務商要求代碼……
app-signin-device-enter = 請在任何有瀏覽器的裝置上開啟 { $url } 並輸入下面的代碼。mailconf 會等待你在那裡完成登入。
app-signin-device-time-left = 代碼還有 { $minutes } 分鐘有效。

## The app's own words (src/app/ui_text.rs, `T`)

## App: Menu bar
ui-language = 語言
ui-view = 檢視
ui-theme-system = 跟隨系統主題
ui-theme-light = 淺色
ui-theme-dark = 深色

## App: Broken user provider files
ui-user-files-broken = 你自己的部分服務商檔案有錯誤，已被略過。內建資料庫仍可正常使用。
ui-dismiss = 關閉提示

## App: Provider list
ui-providers = 郵件服務商
ui-search = 搜尋
ui-search-hint = 名稱或網域：網易、qq.com…
ui-no-match = 沒有符合的服務商。

## App: Account
ui-account = 郵件帳戶
ui-email-address = 郵件地址
ui-email-hint = 例如 chen@yahoo.com.tw
ui-username = 使用者名稱
ui-optional = 選填
ui-password = 密碼
ui-authorization-code = 授權碼
ui-app-password = 應用程式專用密碼
ui-show-password = 顯示
ui-hide-password = 隱藏
ui-password-note = 僅保存在本程式的記憶體中：不會寫入磁碟，只會傳送給正在測試的郵件伺服器。
ui-type-address = 請輸入你的郵件地址，或在清單中選擇你的郵件服務商。
ui-picked-without-address = 已從清單中選擇。輸入你的郵件名稱（@ 前面的部分）即可：會自動補上網域並填寫使用者名稱。

## App: Provider card
ui-status = 狀態
ui-password-field = 密碼欄填寫
ui-create-it-here = 點此產生
ui-setup-steps = 設定步驟
ui-good-to-know = 注意事項
ui-known-servers = 已知伺服器
ui-help-pages = 說明頁面
ui-history = 歷史
ui-username-is = 使用者名稱
ui-sent-as = 傳送給伺服器的使用者名稱：
ui-from-your-file = 來自你自己的服務商檔案
ui-from-ispdb = 匯入自 Thunderbird 的 ISPDB 資料庫

## App: Discovery (domains the database does not know)
ui-nothing-found-what-to-do = 請檢查地址是否有拼寫錯誤。如果你知道郵件伺服器的名稱（可以詢問服務商或管理員），請在地址欄中輸入它來代替郵件地址（例如 mail.example.com），然後按下「測試連線」。
ui-discovered-note = 資料庫中沒有此服務商：這些設定是在網路上找到的。「測試連線」會檢查它們。
ui-servers-found = 找到的伺服器

## App: Test
ui-test-connection = 測試連線
ui-test-tooltip = 同時測試所有連線方式（Enter 鍵）
ui-engine-missing = 連線測試無法啟動（原因見終端機輸出）。
ui-export-protocol = 收信方式：
ui-protocol-tested-default = （測試可用）
ui-protocol-provider-default = （服務商推薦）
ui-search-tooltip = Ctrl+F：搜尋 · ↑ ↓：在清單中移動 · Enter 鍵：選擇
ui-cancel = 取消
ui-cancel-tooltip = 停止測試（Esc 鍵）
ui-results = 連線測試
ui-demo-data = 示範資料：這些結果是虛構的。
ui-not-tested-yet = 按下「測試連線」，同時測試所有伺服器和連接埠。

## App: Result table
ui-col-protocol = 協定
ui-col-port = 連接埠
ui-col-security = 加密方式
ui-col-server = 伺服器
ui-col-result = 結果
ui-col-time = 耗時
ui-col-tls = TLS
ui-col-certificate = 憑證
ui-testing = 測試中…
ui-secure = 安全
ui-insecure = 不安全
ui-failed = 失敗
ui-blocked = 被攔截
ui-cancelled = 已取消
ui-show-details = 顯示詳情
ui-hide-details = 隱藏詳情

## App: Why a row is insecure or failed
ui-why-plain-port = 此連接埠不加密
ui-why-starttls-not-offered = 伺服器不支援 STARTTLS
ui-why-starttls-refused = 伺服器拒絕了 STARTTLS
ui-why-refused = 連線被拒絕
ui-why-timeout = 等待回應逾時
ui-why-dns = 找不到伺服器網域名稱
ui-why-tls = 加密（TLS）失敗
ui-why-certificate = 憑證不受信任
ui-why-protocol = 伺服器回應異常
ui-why-filtered = 沒有回應：該連接埠可能被防火牆或網路業者攔截

## App: Certificate verdicts
ui-cert-trusted = 受信任
ui-cert-expired = 已過期
ui-cert-wrong-name = 名稱不符
ui-cert-self-signed = 自簽署
ui-cert-untrusted = 不受信任

## App: Row details
ui-capabilities = 伺服器功能
ui-caps-before = STARTTLS 之前的伺服器功能
ui-caps-after = STARTTLS 之後的伺服器功能
ui-certificate = 憑證
ui-subject = 主體
ui-issuer = 簽發者
ui-names = 名稱
ui-validity = 有效期
ui-fingerprint = SHA-256 指紋
ui-transcript = 工作階段記錄（已去除密碼）
ui-detail = 詳細訊息
ui-no-details = 暫無詳情。
ui-copy = 複製

## App: Summary
ui-summary = 結論
ui-no-secure-way = 未找到安全的連線方式
ui-use = 使用
ui-advice = 建議
ui-more-help = 開啟服務商的說明頁面

## App: Login test
ui-login = 登入
ui-login-ok = 登入成功
ui-login-rejected = 登入被拒絕
ui-login-auth-code = 需要授權碼
ui-login-app-password = 需要應用程式專用密碼
ui-login-service-disabled = 服務未開啟
ui-login-oauth2 = 僅支援 OAuth2 登入
ui-login-temporary = 暫時無法使用
ui-login-encryption-required = 伺服器要求先加密
ui-login-no-mechanism = 沒有可用的登入方式
ui-login-not-tried = 未傳送密碼
ui-login-connection-problem = 登入時連線中斷
ui-login-unexpected = 登入回應異常
ui-allow-insecure-login = 仍要在此登入…
ui-insecure-login-title = 在不安全的連線上傳送密碼？
ui-insecure-login-no = 不，不傳送
ui-insecure-login-yes = 是，下次測試時傳送

## App: Export and report
ui-export = 匯出設定
ui-export-from-probe = 檔案使用本次測試驗證過的伺服器。
ui-export-from-discovery = 未測試：檔案使用在網路上找到的設定，並在檔案中註明。
ui-export-from-database = 未測試：檔案使用資料庫中的設定，並在檔案中註明。
ui-include-password = 包含密碼
ui-password-in-file = 任何能讀取該檔案的人都能看到密碼。檔案將設為僅你本人可讀。
ui-close = 關閉
ui-save-as = 另存新檔…
ui-waiting-for-save-dialog = 正在等待儲存對話方塊…
ui-copy-path = 複製路徑
ui-what-path = 已儲存檔案的路徑
ui-what-report = 診斷報告（結果和紀錄，不含密碼）
ui-what-transcript = 通訊紀錄（密碼已隱藏）
ui-what-link = 連結
ui-what-device-code = 登入代碼
ui-copy-link = 複製連結
ui-insecure-permissions = 允許在不安全連線上登入
ui-withdraw = 撤銷
ui-insecure-not-tried = 未嘗試登入：連線不安全

## App: mailconf's own file chooser (when no system dialog answers)
ui-save-file-title = 儲存檔案
ui-no-system-dialog = 此桌面上沒有可用的系統檔案對話方塊，因此顯示本程式內建的對話方塊。
ui-folder = 資料夾
ui-file-name = 檔案名稱
ui-parent-folder = 上一層資料夾
ui-home-folder = 個人資料夾
ui-documents-folder = 文件
ui-empty-folder = 此資料夾是空的。
ui-not-a-file-name = 檔案名稱不能包含「/」，也不能是「.」或「..」。
ui-save = 儲存
ui-open-file-title = 開啟設定檔
ui-open = 開啟
ui-open-profile-folder = 開啟這個 Thunderbird 設定檔資料夾
ui-open-ellipsis = 開啟…
ui-replace = 取代
ui-copy-to-clipboard = 複製到剪貼簿
ui-export-needs-provider = 請輸入已知服務商的郵件地址或選擇服務商，才能匯出設定。
ui-copy-report = 複製診斷報告
ui-copy-report-tooltip = 測試結果、結論和建議（不含密碼），可傳給技術支援
ui-insecure-login-allowed = 已允許：下次測試將在此傳送密碼
ui-change-insecure-login = 變更…
ui-export-from-server-name = 未測試：檔案使用該伺服器的標準加密連接埠，並在檔案中註明。
ui-export-needs-username = 請先輸入這個伺服器的使用者名稱。
ui-copy-with-password = 仍然複製（含密碼）
ui-do-not-copy = 不複製
ui-planning = 正在查找要測試的伺服器…
ui-why-relay-port = 用於伺服器之間傳遞郵件（連接埠 25），不適合郵件用戶端寄信
ui-password-cleared = 密碼已清空：它是為另一個服務商的帳戶輸入的。

## The app's sentences with values in them (src/app/ui_text.rs)

ui-export-saved = 已儲存到 { $path }。
ui-replace-file = 「{ $name }」已存在。要取代它嗎？
ui-save-failed = 無法儲存 { $path }：{ $reason }。
ui-no-such-file = 此資料夾中沒有「{ $name }」。
ui-folder-unreadable = 無法開啟 { $folder }：{ $reason }。
ui-export-failed = 匯出失敗：{ $message }
ui-risk-plaintext = { $endpoint } 不加密：網路路徑上的任何人（無線網路、網路業者）都能讀到傳送的密碼。選「是」只允許這一個不加密的連線方式。
ui-risk-certificate = { $endpoint } 的憑證不受信任：對方可能是冒充的伺服器，會竊取你的密碼。選「是」只在建立 TLS 後、且憑證正是這一張（SHA-256 { $fingerprint }）時才允許。
ui-progress = 已完成 { $done }/{ $total }
ui-progress-cancelled = 已取消（完成 { $done }/{ $total }）
ui-latency = { $ms } 毫秒
ui-provider-count = 共 { $count } 個服務商
ui-not-in-database = 資料庫中沒有 { $domain }；自動探索功能將在網路上查找它的設定。
ui-looking-up = 正在查找 { $domain } 的設定…
ui-testing-host = 沒有 @：「測試連線」會把 { $host } 當作郵件伺服器來測試。
ui-export-title = 匯出 { $account } 的設定
ui-meaning-pop3 = POP3：把郵件下載到這台裝置；預設在伺服器上保留副本
ui-meaning-imap = IMAP：郵件留在伺服器上，資料夾和已讀狀態在所有裝置間同步
ui-missing-address = 請先輸入郵件地址，例如 chen@yahoo.com.tw，或在左側清單中選擇服務商。
ui-missing-domain = 「{ $name }」還缺少 @ 和網域：請輸入完整地址，例如 { $name }@yahoo.com.tw，或在左側清單中選擇服務商。
ui-missing-name = 請在 @ 前面輸入你的郵件名稱，例如 chen@{ $domain }。
ui-missing-domain-end = @ 後面的網域還不完整，例如 { $name }@yahoo.com.tw。
ui-missing-invalid = 這還不是有效的郵件地址：請看地址欄下方的說明。
ui-name-at = 輸入郵件名稱，自動補上 @{ $domain }
ui-lookup-failed = 無法查找 { $domain } 的設定：{ $why }
ui-nothing-found-in-time = 在 { $secs } 秒內沒有找到 { $domain } 的設定。
ui-nothing-found-no-dns = 沒有找到 { $domain } 的設定：無法連線 DNS 伺服器。網路是否已連線？
ui-nothing-found = 沒有找到 { $domain } 的設定：DNS 記錄、自動設定和常用的伺服器名稱都沒有提供設定。
ui-parent-domain-match = 根據上層網域 { $domain } 識別
ui-validity-range = { $from } 至 { $to }
ui-export-stale = 顯示的結果來自之前對 { $other } 的測試：不會使用。檔案使用資料庫或自動查找到的設定，並在檔案中註明；重新測試後才能匯出經過測試的設定。
ui-results-for-other = 以下是 { $target } 的結果：請為上面的帳戶重新測試。
ui-could-not-test = 無法測試（{ $reason }）
ui-nothing-to-test-not-found = 沒有可測試的：未找到 { $domain } 的設定。
ui-nothing-to-test-closed = 沒有可測試的：{ $name }已於 { $year } 年關閉。
ui-test-could-not-start = 測試無法開始：{ $why }
ui-copy-password-warning = 這份內容包含你的密碼。任何程式都能讀取剪貼簿，剪貼簿管理程式還會保存複製歷史。mailconf 會在 { $secs } 秒後清空剪貼簿（如果其中仍是這份內容）。
ui-copied-with-password = 已複製{ $what }（含密碼）：{ $secs } 秒後清空剪貼簿。
ui-copied-what = ✔ 已複製{ $what }。
ui-format-copied = 「{ $title }」
ui-secure-alternatives = { $host } 在 { $ways } 上可以安全連線：無需此許可，郵件用戶端也應使用它。
list-and = 、

io-no-permission-to-write = 你沒有在那裡寫入的權限
io-no-permission-to-open = 你沒有開啟它的權限
io-no-such-folder = 資料夾不存在
io-read-only = 磁碟是唯讀的
io-disk-full = 磁碟已滿
io-is-a-folder = 已有同名的資料夾
io-not-a-folder = 路徑中的某一部分是檔案而不是資料夾
io-bad-file-name = 系統不接受這個檔案名稱
io-system-said = 系統回報：{ $error }

## What is wrong with a typed address (src/providers/address.rs)

address-empty = 郵件地址為空。
address-no-at = 請輸入完整的郵件地址（包含 @）。
address-empty-local-part = @ 前面不能為空。
address-empty-domain = 請在 @ 後面輸入網域。
address-local-part-too-long = @ 前面的部分長 { $bytes } 位元組，最多允許 64 位元組。
address-two-ats = 含有多個 @：請只輸入一個地址，例如 alice@example.com。
address-bad-character-domain = 網域中含有不允許的字元：{ $found }。
address-bad-character-local-part = @ 前面的部分含有不允許的字元：{ $found }。
address-invalid-domain = { $domain } 不是有效的網域名稱。
address-invalid-domain-because = { $domain } 不是有效的網域名稱：{ $reason }。
domain-problem-empty = 內容為空
domain-problem-empty-label = 有一個標籤是空的（連續兩個點）
domain-problem-hyphen = 標籤「{ $label }」以「{ $hyphen }」開頭或結尾
domain-problem-character = 網域名稱中不能有「{ $character }」（{ $code }）
domain-problem-label-too-long = 標籤「{ $label }…」超過 { $limit } 個字元
domain-problem-too-long = 網域名稱超過 { $limit } 個字元
domain-problem-label = 標籤「{ $label }」不是有效的國際化網域名稱標籤
domain-problem-not-idna = 不是有效的國際化網域名稱
char-space = 空格
char-tab = 定位字元
char-control = 控制字元（{ $code }）
char-other-space = 空白字元（{ $code }）

## The words for the provider model's enums (src/providers/describe.rs)

status-active = 可用
status-needs-setup = 需要設定：請先在網頁版設定中開啟 POP3/IMAP/SMTP 服務
status-discontinued = 已於 { $year } 年停止服務
status-discontinued-replaced = 已於 { $year } 年停止服務；替代：{ $replacement }
security-plain = 明文
security-starttls-if-offered = STARTTLS（伺服器提供時），否則明文
username-address = 完整郵件地址
username-local-part = @ 前面的部分
username-local-part-dot-domain = @ 前面的部分加點和網域（alice.example.jp）
server-login-password = 密碼登入
server-login-oauth2 = 此伺服器僅支援 OAuth2 登入
server-login-none = 無需登入：伺服器不用密碼即可接受寄出的郵件
idn-unicode = 國際化網域按原樣（UTF-8）傳送
idn-ascii = 此服務商要求網域使用 ASCII 形式（punycode）
auth-kind-password = 帳戶密碼
auth-kind-app-password = 應用程式專用密碼（不是登入密碼）
auth-kind-authorization-code = 用戶端授權碼（不是網頁登入密碼）
auth-kind-oauth2-only = 僅支援 OAuth2 登入：不接受密碼
auth-kind-bridge = 本機橋接程式顯示的密碼
quirk-imap-id-required = IMAP 用戶端必須傳送 ID 指令，否則會出現「{"Unsafe Login"}」錯誤
quirk-port25-blocked = 25 連接埠常被網路業者封鎖：請使用 465 或 587
quirk-service-off-by-default = POP3/IMAP/SMTP 預設關閉，需在網頁版設定中開啟
quirk-code-without-spaces = 輸入授權碼時不要帶空格
quirk-pop3-recent-only = POP3 可能只下載近期郵件，除非在網頁版設定中變更
quirk-slow-outside-china = 在中國大陸以外存取伺服器可能較慢或無法連線
quirk-local-bridge = 只能透過本機上的服務商橋接程式使用

## `mailconf providers list` and `show` (src/cli/providers.rs)

providers-did-you-mean = 您是否要找：
providers-dir-none = 在這台電腦上找不到存放你自己的服務商檔案的資料夾（沒有設定主資料夾）。
providers-list-total = 顯示 { $shown } 個服務商；資料庫共涵蓋 { $domains } 個網域。
origin-hand = 手工
origin-user = 使用者
status-word-needs-setup = 需設定
status-word-discontinued = 已停止
show-status = 狀態
show-domains = 網域
show-mx-hosts = MX 主機
show-matched = 符合
show-username = 使用者名稱
show-password = 密碼
show-create-it-at = 取得網址：{ $url }
show-incoming = 收信伺服器
show-outgoing = 寄信伺服器
show-setup = 設定步驟
show-good-to-know = 注意事項
show-history = 歷史
show-help = 說明
show-sources = 來源
show-entry = 條目
source-provider-docs = 服務商文件
source-general-knowledge = 公開常識
source-user-reports = 使用者回報
source-no-provider-page = 無服務商自己的頁面
show-source = { $about }：{ $kind } { $url }（核對於 { $checked }）
show-source-no-url = { $about }：{ $kind }（核對於 { $checked }）
show-entry-origin = { $origin }，{ $file }
show-entry-origin-overrides = { $origin }，{ $file }（優先於 { $overrides }）
show-ispdb-license = 資料來自 Thunderbird ISPDB，採用 MPL-2.0 授權（見 providers/ispdb/LICENSE）。
list-comma = 、

## `mailconf providers audit` (src/cli/providers.rs)

audit-no-such-entry = 沒有這個服務商條目：
audit-drift = 不符
audit-note = 提示
audit-unverified = 未能核實
audit-ok = 正常
audit-unreachable = 無法連線
audit-claimed = 條目所述：{ $claim }
audit-observed = 實際情況：{ $observed }
audit-col-entry = 條目
audit-col-status = 狀態
audit-col-servers-ok = 正常伺服器
audit-col-first-finding = 首個發現
audit-entry-as-a-whole = 整個條目
audit-entry-heading = { $id }（{ $file }）：{ $status }
audit-summary = 共 { $entries } 個條目：{ $ok } 個正常，{ $drift } 個不符，{ $unreachable } 個無法連線（{ $endpoints } 個端點，同時 { $concurrency } 個）
audit-error-runtime = 無法啟動檢查的網路工作。
audit-error-dns = { $option } 指定的 DNS 伺服器無法使用：{ $problem }
audit-error-concurrency = { $option } { $value } 無法使用：請給出 1 到 { $max } 之間的端點數。

## What `providers audit` compares, claim by claim

audit-not-probed-per-domain = 未探測：{ $host } 取決於使用者的網域，而該條目未列出網域
audit-not-probed-nothing = 未探測：檢查該條目時沒有可探測的內容
audit-probe-lost = 對該端點的探測沒有完成
audit-claim-answers = { $protocol } 在連接埠 { $port } 上有回應
audit-claim-tls = 從第一個位元組起使用 TLS（隱式 TLS）
audit-claim-starttls = 提供並完成 STARTTLS
audit-claim-plain = 明文（舊方式）
audit-not-as-claimed = 未能按所述方式連線：{ $summary }
audit-does-not-resolve = 主機名稱無法解析：{ $summary }
audit-refused = 連線被拒絕：連接埠已關閉
audit-no-answer = { $secs } 秒內無回應：可能被本地網路過濾，或伺服器已關閉
audit-server-answers = 伺服器有回應
audit-no-greeting = 連線已建立，但沒有收到 { $protocol } 問候：{ $summary }
audit-claim-imap-id = 需要 IMAP ID（RFC 2971）
audit-announces-id = 伺服器宣告支援 ID
audit-does-not-announce-id = 伺服器未宣告支援 ID
audit-tls-failed = TLS 交握失敗（{ $kind }）：{ $summary }
audit-starttls-then-tls-failed = 接受了 STARTTLS，但隨後 TLS 交握失敗：{ $summary }
audit-starttls-refused = STARTTLS 被拒絕：{ $reply }
audit-starttls-here-too = 此連接埠也提供 STARTTLS：該列可改為 {"starttls"}
audit-answers-in-plaintext = 不加密即有回應
audit-claim-certificate = 對 { $host } 有效的憑證
audit-certificate-valid = 對 { $host } 有效
audit-certificate-valid-days = 對 { $host } 有效，還剩 { $days } 天
audit-certificate-other-names = 憑證不包含 { $host }；憑證上的名稱為 { $names }
audit-certificate-not-trusted = 憑證不受信任（{ $kind }）：{ $why }
audit-claim-days-left = 憑證有效期還剩 { $days } 天以上
audit-expires-in = { $days } 天後過期（{ $date }）
audit-offered = 已提供：{ $mechanisms }
audit-offered-none = 不提供任何登入方式
audit-claim-password-login = 密碼登入
audit-no-capa = 伺服器不支援 {"CAPA"}：無法讀取登入方式
audit-no-password-login = 不提供密碼登入（{ $offered }）
audit-claim-oauth2 = OAuth2 登入（{"XOAUTH2"} 或 {"OAUTHBEARER"}）
audit-claim-no-login = 無需登入
audit-claim-legacy-noted = 明文列已標註為舊方式
audit-no-legacy-note = 該列沒有說明它是不安全的舊方式
audit-claim-recommended-listed = 檢查推薦的 { $protocol } 端點已列出
audit-recommends = 檢查推薦 { $endpoint }
audit-recommends-unlisted = 檢查推薦 { $endpoint }，但該條目未列出它
audit-at-endpoint = { $endpoint }：{ $what }
audit-no-server-listed = 該條目沒有列出伺服器
audit-no-server-answered = 沒有伺服器回應；{ $why }

## Checking existing settings: more of the window and of `mailconf check`

existing-testing = 正在測試 { $host }:{ $port }…
existing-no-account = 檔案中沒有找到郵件帳戶。
existing-account = { $name } — { $protocol }（第 { $line } 行）
existing-not-used = 該程式未使用此項：未檢查。
existing-network-says = 現在的網路測試結果
existing-lines-not-read-count = 未讀取的行（{ $count }）
existing-note = 第 { $line } 行：{ $excerpt } — { $note }
existing-note-file = 整個檔案：{ $note }
existing-run-with-fix = 加上 {"--fix"} 再執行一次即可寫出修正後的檔案（只改動錯誤的設定）。
existing-nothing-to-change = 檔案無需修改。
existing-changes = 修改：
existing-not-written = 未寫入：{ $error }
fix-no-such-account = 檔案中沒有第 { $number } 個帳戶。
fix-invalid = 修正後的{ $field }無效：{ $value }。
fix-unrepresentable = { $format } 無法表達修正後的{ $field }，因此 mailconf 沒有修改檔案。
fix-unsupported = mailconf 無法安全地編輯這個檔案，因此保持原樣。
fix-signed-profile = 這個描述檔帶有簽章，修改會使簽章失效；mailconf 無法重新簽署，因此保持原樣。請用 { $command } 產生新的描述檔；如果裝置要求簽署，請自行簽署。
fix-binary-profile = 這個描述檔是二進位屬性列表，mailconf 無法直接編輯，因此保持原樣。請用 { $command } 產生新的描述檔。
fix-shared = 這項修改也會改變共用此設定的 { $account }（第 { $line } 行），因此 mailconf 保持原樣。請一起修正這兩個帳戶。
fix-profile-in-use = Thunderbird 正在使用這個設定檔資料夾（{ $profile }）：請先關閉 Thunderbird，然後再試。
fix-internal = 無法產生修正後的檔案；這是 mailconf 的錯誤，請回報。
fix-cannot-read = 無法讀取 { $path }。
existing-fragment-written = Thunderbird 設定片段已寫入 { $path }
existing-fixed-written = 修正後的檔案已寫入 { $path }
existing-login-not-tested = { $who }：未測試登入：{ $error }
ui-existing-entry = 檢查我現有的設定…
ui-existing-title = 檢查我現有的設定
ui-existing-intro = 讀取你的郵件程式現有的設定（fetchmail、msmtp、mutt、getmail、Thunderbird、Apple 描述檔、mailconf JSON、autoconfig），立即測試，並寫出修正後的副本。Outlook 和 Foxmail 的設定儲存在登錄檔或二進位檔案中：請在主視窗輸入郵件地址。
ui-existing-file-label = 設定檔或 Thunderbird 設定檔資料夾
ui-existing-check = 檢查
ui-existing-also-login = 同時測試登入：用檔案中的密碼，或由你輸入（絕不透過未加密的連線傳送）
ui-existing-test-login = 測試登入
ui-existing-skip-login = 不測試登入，繼續檢查
existing-password-wanted = 檔案中沒有 { $who } 的密碼。輸入後即可測試登入：它只用於這次測試，不會儲存。
existing-waiting-password = 正在等待 { $who } 的密碼…
existing-use-earlier-password = 使用剛才為 { $host } 輸入的密碼
ui-existing-profiles-found = 找到的 Thunderbird 設定檔資料夾：
ui-existing-testing = 正在測試…
ui-existing-no-backend = 連線測試無法使用。
ui-existing-fixed-changes = 修正後的檔案將修改：
ui-existing-save-fixed = 儲存修正後的檔案…
ui-existing-stopped-for-test = 已停止：主視窗開始了連線測試。按「檢查」可重新測試這些設定。

## What a checked account's verdict means (src/check/existing.rs, `explain`)

verdict-works = 正常
verdict-insecure = 可用但不安全
verdict-insecure-login-refused = 不安全，且無法登入
verdict-broken = 無法使用
verdict-discontinued = 服務已停止
existing-the-server = 伺服器
existing-works = { $was } 可以正常加密連線。
existing-works-login = { $was } 可以正常加密連線，登入也成功。
existing-discontinued = { $provider }已於 { $year } 年停止這項服務，無法修復。請改用其他郵件服務。
existing-insecure-login-refused = { $provider }已不再接受透過明文 { $was } 登入，你的用戶端這樣無法登入，而且會把密碼以明文傳送
existing-insecure-plaintext = 你的設定透過 { $was } 不加密連線：途中任何人都能讀到你的密碼和郵件
existing-insecure-untrusted = { $was } 可以連線，但憑證不受信任：可能有人在中間攔截
existing-insecure-starttls-optional = 你的設定在 { $was } 上僅在伺服器提供時才使用 STARTTLS：中間人可以關閉加密
existing-insecure-unchecked = 你的設定不檢查 { $was } 的憑證：中間人可能讀到你的密碼
existing-broken-invalid-host = 設定中的伺服器名稱（{ $host }）不是有效的主機名稱
existing-broken-host-not-found = { $was } 的伺服器已不存在（網域名稱無法解析）
existing-broken-port-closed = { $was } 拒絕連線（連接埠已關閉）
existing-broken-no-answer = 從這裡連線 { $was } 沒有回應（被封鎖或過濾）
existing-broken-starttls-missing = { $was } 不提供你的設定所要求的 STARTTLS
existing-broken-tls-failed = 無法與 { $was } 建立加密連線
existing-broken-protocol = { $was } 的回應不像正常的 { $protocol } 伺服器
existing-broken-login-refused = { $was } 拒絕了使用設定中密碼的登入
existing-verdict-unknown = 無法判斷
existing-unknown-dns-lookup-failed = 無法查詢伺服器網域名稱 { $host }：請檢查網路連線和 DNS 設定，然後再檢查一次。在此之前無法判斷伺服器的情況。
existing-why-dns-lookup-failed = 網域名稱查詢沒有得到回應（請檢查網路）
advice-dns-lookup-failed = 無法查詢伺服器名稱：DNS 伺服器沒有回應或出錯。請確認本機已連網且 DNS 正常，然後再測試一次；這並不表示伺服器有問題。
existing-todo-use = 請改用 { $endpoint }
existing-todo-use-code = 請改用 { $endpoint }，並使用授權碼代替網頁登入密碼
existing-todo-use-app-password = 請改用 { $endpoint }，並使用應用程式專用密碼代替帳戶密碼
existing-todo-create-at = { $todo }（在 { $url } 建立）
existing-problem-todo = { $problem }：{ $todo }。
existing-problem = { $problem }。
existing-endpoint = { $host }:{ $port }（{ $security }）

## `mailconf export` (src/cli/export.rs)

export-unknown-provider = 資料庫中沒有 { $query } 這個服務商，它也不是郵件地址：請輸入完整地址（例如 alice@{ $query }）以自動查找設定
export-password-needs-file = {"--include-password"} 需要搭配 {"-o"} 檔案使用，以便建立僅擁有者可讀的檔案（0600）
export-needs-query-and-format = 需要郵件地址或服務商，以及 {"--format"}
export-no-encrypted-incoming = { $provider }沒有列出加密的 POP3 或 IMAP 伺服器
check-output-one-file = {"-o"} 只能指定一個修正後的檔案：請只檢查一個檔案
export-wrote-with-password = 已寫入 { $path }。檔案中包含密碼：僅您本人可讀（權限 0600），請勿分享。
export-wrote = 已寫入 { $path }。
formats-col-format = 格式
formats-col-file = 檔案
formats-col-password = 可含密碼
formats-col-description = 說明
yes = 是
no = 否
export-testing-servers = 正在測試伺服器…
export-password-failed-everywhere = 密碼在所有伺服器上都無法登入：未寫入檔案

## Command-line usage errors

usage-error = 命令列有誤{ $kind ->
        [unknown-argument] ：「{ $arg }」不是這個命令的選項。
        [unknown-command] ：「{ $arg }」不是 mailconf 的命令。
        [invalid-value] ：「{ $arg }」的值無法使用。
        [missing-argument] ：缺少必要的「{ $arg }」。
        [missing-command] ：「{ $arg }」後面缺少命令。
        [conflict] ：「{ $arg }」不能與已給出的另一個選項同時使用。
        [values] ：「{ $arg }」的值的個數不對。
       *[other] 。
    }
usage-details = 詳情：{ $detail }
usage-help = 執行 { "mailconf --help" }（或 { "mailconf <命令> --help" }）查看可用的命令和選項。
usage-dns-not-for-oauth2 = {"oauth2"} 不使用 {"--dns"}（請改用 {"--resolve HOST:ADDR"}）
usage-flag-connects-nowhere = { $flag } 用於 {"probe"}、{"discover"}、{"export"}、{"check"}、{"providers audit"} 和桌面程式；這個 {"providers"} 子命令不會連線到任何伺服器
usage-flag-twice = { $flag } 在子命令前後各給了一次，且值不同
# Why a flag's value is refused (the value parsers: src/cli/args.rs,
# src/probe/spec.rs). The value and the syntax stay as typed.
value-not-seconds = 「{ $value }」不是秒數。
value-seconds-range = 「{ $value }」：秒數必須大於 0，且不超過 { $max }。
value-resolve-shape = 「{ $value }」：請寫成「{ $shape }」，即主機名稱和它的 IP 位址。
value-resolve-address = 「{ $value }」：「{ $address }」不是 IP 位址。
value-resolve-host = 「{ $value }」：{ $problem }
value-concurrency = 「{ $value }」：請給出 1 到 { $max } 之間的端點數。
value-port-pair = 「{ $value }」：請寫成「{ $shape }」，例如「{ $example }」。
spec-shape-endpoint = 「{ $spec }」：請寫成「{ $short }」或「{ $long }」，安全方式為「{ $tls }」、「{ $starttls }」或「{ $plain }」。
spec-shape-consent = 「{ $spec }」：請寫成「{ $plain }」或「{ $tls }」。
spec-brackets = 「{ $spec }」：方括號不成對；IPv6 位址請寫成「{ $example }」。
spec-protocol = 「{ $value }」不是協定：請用「{ $pop3 }」、「{ $imap }」或「{ $smtp }」。
spec-security = 「{ $value }」不是安全方式：請用「{ $tls }」（隱含式 TLS，有些用戶端稱為 SSL）、「{ $starttls }」或「{ $plain }」。
spec-port = 「{ $value }」不是連接埠（1-65535）。
spec-host = 主機「{ $host }」無法使用：{ $problem }
spec-host-brackets = 方括號不成對。
spec-host-not-ipv6 = 方括號裡不是 IPv6 位址。
spec-host-ipv6-brackets = IPv6 位址請寫在方括號裡，例如「{ $example }」。
spec-unknown-port = 「{ $spec }」：無法從連接埠 { $port } 判斷協定；請寫成「{ $shape }」。
spec-consent-fingerprint-on-plain = 「{ $spec }」：不加密的端點沒有憑證；請去掉「{ $part }」。
spec-consent-tls-without-fingerprint = 「{ $spec }」：對 TLS 端點的同意只涵蓋一張憑證；請加上「{ $part }」（「{ $command }」會顯示它）。不支援 STARTTLS 的 STARTTLS 端點永遠不會收到密碼。
spec-fingerprint = 「{ $value }」不是 SHA-256 指紋（64 個十六進位數字，冒號可有可無）。

## `mailconf providers import-ispdb`

import-summary = 讀取了 { $files } 個檔案，向 { $dir } 寫入了 { $written } 個服務商（共 { $domains } 個網域）；刪除了 { $removed } 個過時的檔案。
import-skipped = 注意：{ $file } 未匯入：{ $why }。
import-skip-every-domain-taken = 它的每個網域都已由另一個檔案提供
import-skip-id-taken = 識別碼「{ $id }」已被 { $first } 使用
import-mx-suffix = 注意：{ $file }：{ $suffix } 標記為 MX 主機網域，已作為 MX 後綴匯入。
import-unknown-file = 注意：{ $file } 不是匯入時寫入的檔案，保持不動。
import-duplicate-domain = 注意：網域 { $domain } 同時出現在 { $kept } 和 { $dropped } 中；保留在 { $kept }。
import-error-io = 無法讀取或寫入 { $path }
import-error-no-date = { $dir } 中沒有帶提交日期的 SOURCE.md：請用 { $option } 指定月份（例如 { $example }）。
autoconfig-too-large = 自動設定檔有 { $bytes } 位元組，超過 1 MiB 的上限
autoconfig-invalid = 自動設定檔無效
autoconfig-no-servers = 自動設定檔中沒有可用的 POP3、IMAP 或 SMTP 伺服器

## Lookups and targets that cannot be used (src/providers/load.rs, src/check/plan.rs)

address-bad-character-host = 主機名稱中含有不允許的字元：{ $found }。
lookup-not-found = 資料庫中沒有服務 { $domain } 的服務商。
plan-invalid-host = 「{ $input }」：{ $problem }
plan-unknown-id = 資料庫中沒有「{ $id }」這個服務商。

## Writing a file (src/output.rs)

output-exists = { $path } 已存在；如要取代，請加上 {"--force"}。
output-not-a-file = { $path } 是{ $what }，不是一般檔案：mailconf 只取代一般檔案（要輸出到標準輸出，請用 {"-o -"}）。
output-symlink = 符號連結
output-directory = 資料夾
output-fifo = 具名管道
output-device = 裝置
output-socket = 通訊端
output-not-regular = 其他類型的物件
file-not-regular = 它是{ $what }；只讀取一般檔案
file-too-large = 檔案有 { $size } 位元組，超過了 { $limit } 位元組的上限
file-not-utf8 = 不是 UTF-8 文字
providers-too-many-files = 還有 { $more } 個服務商檔案沒有讀取：一個資料夾最多讀取 { $max } 個
output-io = 無法寫入 { $path }：{ $reason }。
output-not-private = { $dir } 不在你的使用者資料夾（{ $home }）內：這台電腦的其他使用者可能讀得到儲存在那裡的檔案，而這個檔案含有你的密碼。請把它儲存在你的使用者資料夾中（例如「文件」）。
export-discontinued = { $provider }已於 { $year } 年停止服務，沒有可以匯出的設定。

## Starting the app (src/app/mod.rs)

app-no-display = 找不到顯示器：請在桌面工作階段中執行 mailconf，或使用命令列（{"mailconf --help"}）。
app-cannot-open-window = 無法在這裡開啟視窗；命令列不需要視窗（{"mailconf --help"}）。
with-details = { $sentence }
    詳細資訊：{ $details }

## What the export formats say: their descriptions, where the file goes,
## and the notes inside the files (src/export/)

export-thunderbird-description = Thunderbird 自動設定檔（{"config-v1.1.xml"}，ISPDB 格式）
export-thunderbird-destination = 儲存為 Thunderbird 程式資料夾下的 {"isp/<"}網域{">.xml"}（例如放在 {"/usr/lib/thunderbird/isp/"} 中），或放在 {"https://autoconfig.<"}網域{">/mail/config-v1.1.xml"} 提供下載；然後在 Thunderbird 中只需輸入姓名、郵件地址和密碼即可新增帳戶。
export-autodiscover-description = Outlook 自動探索（Autodiscover）回應（POX XML），供管理員使用
export-autodiscover-destination = 供管理員使用：作為該使用者對 {"POST https://autodiscover.<"}網域{">/autodiscover/autodiscover.xml"} 的回應（或作為範本）。一般使用者請用「Outlook（設定步驟）」格式手動設定。
export-autodiscover-manual-setup-steps-mailconf = 手動設定步驟：{"mailconf export <"}郵件地址{"> --format outlook"}
export-outlook-steps-description = Outlook 手動設定步驟（Markdown）
export-outlook-steps-destination = 閱讀或傳給使用者，然後在 Outlook 中依步驟操作。
export-outlook-steps-under-more-settings-advanced = 在 **其他設定 → 進階 → 傳遞** 中勾選 **在伺服器上保留一份郵件複本**，並取消勾選 **…天後從伺服器移除**。
export-outlook-steps-under-more-settings-advanced-2 = 在 **其他設定 → 進階 → 傳遞** 中取消勾選 **在伺服器上保留一份郵件複本**（下載後從伺服器刪除）。
export-outlook-steps-click-next-outlook-tests = 按 **下一步**：Outlook 會測試設定並傳送一封測試郵件。
export-outlook-steps-before-you-start = 開始之前
export-fetchmail-description = fetchmail 設定檔（{".fetchmailrc"}）
export-fetchmail-destination = 儲存為 {"~/.fetchmailrc"}（僅擁有者可讀寫，權限 0600，否則 fetchmail 拒絕使用），然後執行 「{"fetchmail -v"}」。
export-fetchmail-fetchmail-hands-mail-to = fetchmail 預設把郵件交給本機郵件系統（localhost 的 SMTP）；如需其他投遞方式，可在 {"user"} 行後加入例如 {"mda \"/usr/bin/procmail -d %T\""}。
export-fetchmail-no-password-stored-fetchmail = 未儲存密碼：fetchmail 會提示輸入（或讀取 {"~/.netrc"}）。
export-getmail-description = getmail6 設定檔（getmailrc）
export-getmail-destination = 儲存為 {"~/.config/getmail/getmailrc"}（或 {"~/.getmail/getmailrc"}），用 「{"mkdir -p ~/Maildir/{cur,new,tmp}"}」 建立郵件目錄，然後執行 「{"getmail"}」。
export-getmail-no-password-stored-getmail = 未儲存密碼：getmail 會提示輸入。也可以從密碼管理器讀取：
export-getmail-getmail-checks-the-server = 只有設定了 {"ca_certs"}，getmail 才會驗證伺服器憑證（macOS：{"/etc/ssl/cert.pem"}）。
export-json-description = mailconf JSON：全部設定及驗證結果
export-json-destination = 供指令碼和其他工具使用；每個欄位的說明見 mailconf 的文件（{"export-json.md"}）。
export-apple-description = Apple 描述檔（{".mobileconfig"}），用於 macOS、iPhone 和 iPad 的「郵件」
export-apple-destination = 在 Mac 上打開此檔案（系統設定 → 隱私權與安全性 → 描述檔），或傳送到 {"iPhone/iPad"}（設定 → 已下載描述檔 → 安裝）。描述檔未簽署，系統會顯示「未驗證」；依提示輸入密碼。
export-msmtp-description = msmtp 寄信設定檔（msmtprc）
export-msmtp-destination = 儲存為 {"~/.msmtprc"} 或 {"~/.config/msmtp/config"}（含密碼時權限須為 0600）；用 「{"msmtp --pretend"}」 檢查，用 「{"msmtp 收件人@example.com < 郵件"}」 寄送。
export-msmtp-no-password-stored-keep = 未儲存密碼。可存入系統金鑰圈（{"secret-tool store --label=msmtp host"} 主機 {"service smtp user"} 使用者名稱），msmtp 會自動讀取；或用 {"passwordeval"} 讀取：
export-mutt-description = {"mutt / neomutt"} 設定檔（muttrc）
export-mutt-destination = 儲存為 {"~/.muttrc"}（mutt）或 {"~/.config/neomutt/neomuttrc"}（neomutt），或在其中用 「{"source"}」 引入。
export-mutt-no-password-stored-mutt = 未儲存密碼：mutt 連線時會提示輸入。
export-summary-ssl-tls-encrypted-from = SSL/TLS（連線即加密）
export-summary-starttls-required = STARTTLS（必須啟用）
export-summary-none = 無
export-summary-outgoing-mail = 外寄郵件
export-summary-incoming-mail = 內送郵件
export-summary-your-domain = <你的網域>
export-summary-server = 伺服器
export-summary-port = 連接埠
export-summary-encryption = 加密
export-summary-username = 使用者名稱
export-summary-password = 密碼
export-summary-leave-mail-on-server = 在伺服器上保留郵件
export-summary-yes-download-without-deleting = 是（只下載，不刪除）
export-summary-no-deleted-from-the = 否（下載後從伺服器刪除）
export-summary-description = 易讀的摘要（Markdown），可貼到工單中
export-summary-destination = 貼到工單或郵件中；其中不含密碼。
export-summary-mail-settings = 郵件設定
export-summary-provider = 服務商
export-summary-address = 郵件地址
export-summary-name = 姓名
export-summary-before-you-start = 開始之前
export-summary-where-to-get-the = 取得密碼或授權碼的地方
export-summary-good-to-know = 注意事項

# The formats by name, for the app's Export window (src/export/mod.rs).
format-title-thunderbird = Thunderbird（自動設定）
format-title-apple = Apple 郵件、iPhone 和 iPad（.mobileconfig）
format-title-autodiscover = Outlook 自動探索（供管理員使用）
format-title-outlook = Outlook（設定步驟）
format-title-fetchmail = fetchmail
format-title-getmail = getmail6
format-title-msmtp = msmtp
format-title-mutt = mutt / neomutt
format-title-json = JSON（全部設定，供指令碼使用）
format-title-summary = 摘要（閱讀或傳送）

## More of what exported files say

export-thunderbird-destination-for = 儲存為 Thunderbird 程式資料夾下的 {"isp/"}{ $domain }{".xml"}（例如 {"/usr/lib/thunderbird/isp/"}{ $domain }{".xml"}），或放在 {"https://autoconfig."}{ $domain }{"/mail/config-v1.1.xml"} 提供下載；然後在 Thunderbird 中只需輸入姓名、郵件地址和密碼即可新增帳戶。
export-autodiscover-destination-for = 供管理員使用：作為該使用者對 {"POST https://autodiscover."}{ $domain }{"/autodiscover/autodiscover.xml"} 的回應（或作為範本）。一般使用者請用「Outlook（設定步驟）」格式手動設定。
export-mutt-imap-id = { $provider } 要求 IMAP 用戶端傳送 ID 指令（RFC 2971）：{"NeoMutt 2023-04-07"} 及更新版本會依下面這一行傳送。更早的 {"NeoMutt"} 和原版 {"Mutt"} 無法傳送（開啟郵箱時出現「{"Unsafe Login"}」錯誤）：請改用 POP3（{ $command }）。

## The Outlook setup steps

outlook-title = 在 Outlook 中設定 { $who }（{ $kind }）
outlook-step-add-account = 傳統版 Outlook：**檔案 → 新增帳戶**。新版 Outlook：**設定 → 帳戶 → 新增帳戶**。
outlook-step-manual = 輸入 { $address }，展開 **進階選項**，勾選 **讓我自行手動設定我的帳戶**，然後選擇 **{ $kind }**。
outlook-step-incoming = 內送郵件：伺服器 { $host }，連接埠 { $port }，加密方法 **{ $encryption }**。
outlook-step-outgoing = 外寄郵件：伺服器 { $host }，連接埠 { $port }，加密方法 **{ $encryption }**。
outlook-step-no-spa = 不要勾選 **需要使用安全密碼驗證{" (SPA) "}登入**。
outlook-step-login = 使用者名稱 { $username }；密碼：{ $password }。
outlook-step-smtp-same-login = 在 **其他設定 → 外寄伺服器** 中勾選 **我的外寄伺服器{" (SMTP) "}需要驗證** 和 **使用與內送郵件伺服器相同的設定**。
outlook-step-smtp-login = 在 **其他設定 → 外寄伺服器** 中勾選 **我的外寄伺服器{" (SMTP) "}需要驗證**，並以使用者名稱 { $username } 登入。

## The diagnostic report for a helpdesk (src/app/report.rs)

report-title = mailconf { $version } 診斷報告，{ $when }
report-system = 系統：{ $os } { $arch }
report-not-tested = 尚未測試 { $account }。
report-target = 測試對象：{ $target }
report-username = 使用者名稱：{ $username }
report-provider = 服務商：{ $name }（{ $id }）
report-could-not-run = 測試無法執行：{ $error }
report-pending = 未完成
report-cancelled = 已取消
report-result = { $verdict }（{ $ms } 毫秒）：{ $summary }
report-result-login = { $result }；登入：{ $login }
report-recommended = 建議的設定：
report-none = { $protocol }：無
