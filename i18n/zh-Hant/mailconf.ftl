# mailconf 的繁體中文文字。訊息 id 與變數和 i18n/en/mailconf.ftl 完全相同；
# 術語以 i18n/glossary.tsv 為準。主機名稱、連接埠、日期、加密套件以及伺服器或系統的原話作為變數原樣顯示。

## Shared shapes

with-detail = { $sentence }：{ $detail }

## The probe's one-line summary of a way in

probe-secure = { $version } { $cipher }，憑證可信
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
src-cancelled-decided = 已取消：更可信的來源已有答案
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
dns-timeout = DNS 查詢 { $name }（{ $rtype }）逾時
dns-failed = DNS 查詢 { $name }（{ $rtype }）失敗
dns-config = 無法設定 DNS
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
provider-file-parse = { $file }，第 { $line } 行第 { $column } 欄：{ $field }{ $detail }
provider-field-prefix = 欄位 `{ $field }`：
provider-file-invalid = { $file }：欄位 `{ $field }`：{ $detail }
provider-file-duplicate-domain = { $file }：網域 { $domain } 已由 { $other }（{ $other_file }）提供
provider-file-duplicate-id = { $file }：編號 { $id } 已被 { $other_file } 使用
provider-file-skipped = 警告：已略過一個服務商檔案：{ $problem }
validate-error = 錯誤：{ $problem }
validate-summary = 已檢查 { $files } 個檔案，發現 { $problems } 個問題

## Advice (src/advice/mod.rs): what the results mean and what to do

advice-the-server = 伺服器
advice-discontinued-replaced = { $provider }已於 { $year } 年關閉；{ $replacement }。
advice-discontinued = { $provider }已於 { $year } 年關閉，沒有可以測試的伺服器了。
advice-nothing-found-for = 沒有找到 { $domain } 的郵件設定。請檢查地址是否有誤；如果你知道郵件伺服器的名稱（可以問服務商或管理員），請直接測試該名稱，例如 { $command }。
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
advice-imap-id-required = { $provider }對不傳送 ID 指令的 IMAP 用戶端會拒絕開啟郵箱（「Unsafe Login」）。請使用會傳送 ID 指令的用戶端（Thunderbird、Foxmail、服務商自己的用戶端），或改用 POP3。
advice-login-stopped = 第一次被拒絕後，mailconf 沒有在其他伺服器上再試同一密碼，以免帳戶被鎖定。
advice-temporarily-unavailable = { $provider }暫時無法登入（伺服器忙碌、郵箱正被使用或登入過於頻繁）。請等幾分鐘再試，並關閉其他正在使用此帳戶的郵件用戶端。
advice-insecure-login-not-tried = 在未加密或憑證不受信任的連線上沒有傳送密碼：網路上的任何人都可能讀取它。請使用推薦的安全設定。
advice-encryption-required = 伺服器拒絕未加密的登入（這是好事）。請使用 SSL/TLS 或 STARTTLS。
advice-login-works = 使用者名稱和密碼可以正常登入。
advice-port25-blocked = 從這裡無法連線 25 連接埠（網路業者常會封鎖），但 465/587 可用：請透過 465（SSL/TLS）或 587（STARTTLS）寄信。
advice-port25-blocked-use = 從這裡無法連線 25 連接埠（網路業者常會封鎖）。請透過可用的 { $ports }寄信。
advice-port-with-security = { $port }（{ $security }）
advice-or = {" 或 "}
advice-starttls-missing = 部分連接埠只能不加密使用（不支援或拒絕 STARTTLS）：密碼和郵件會以明文傳輸。請不要使用這些連接埠。
advice-certificate-expired = 伺服器憑證已過期（或尚未生效），連線不可信，需要服務商更新憑證。也請檢查本機日期是否正確。
advice-certificate-wrong-name = 伺服器憑證上的名稱不符：伺服器名稱填錯了，或有人在攔截連線。請使用服務商公布的伺服器名稱。
advice-certificate-untrusted = 伺服器憑證不是由受信任的機構簽發的（自簽署或未知簽發者）。密碼可能被截取；除非管理員要求，請不要接受該憑證。
advice-dns-failure = 找不到伺服器名稱（DNS 解析失敗）。請檢查郵件地址或伺服器名稱的拼寫，並確認本機已連網。
advice-everything-blocked = 所有郵件連接埠都沒有回應。可能是防火牆、代理或所在網路（公司、學校、飯店 Wi-Fi 等）封鎖了郵件連線；請換一個網路試試，或詢問網路管理員。
advice-service-closed = 這個郵件服務已經關閉。
advice-nothing-found = 沒有找到這個網域的郵件設定。請檢查地址是否有誤，或直接測試郵件伺服器的名稱。

## Why a check could not run

check-discontinued = { $provider }已於 { $year } 年停止服務，沒有可以探測的伺服器
check-nothing-found = 沒有找到 { $domain } 的設定：{ $why }
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
export-imap-id-no-setting = { $provider } 要求 IMAP 用戶端傳送 ID 指令（RFC 2971），否則開啟郵箱時會出現「Unsafe Login」錯誤。此檔案無法設定這一項，將沿用用戶端自己的行為：如果用戶端不傳送 ID，請改用 POP3（{ $command }）。
export-imap-id-client-cannot = { $provider } 要求 IMAP 用戶端傳送 ID 指令（RFC 2971），而 { $format } 無法傳送：開啟郵箱時會出現「Unsafe Login」錯誤。請改用 POP3（{ $command }）。
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
read-line-too-long = { $path } 第 { $line } 行：超過 { $limit } 位元組。
read-encoding = { $path } 第 { $line } 行：不是有效的 UTF-8 文字。
read-syntax = { $path } 第 { $line } 行：格式錯誤（{ $message }）。
read-unknown-format = { $path }：無法判斷這個檔案屬於哪個程式（Thunderbird、fetchmail、msmtp、mutt、getmail、Apple 描述檔、mailconf JSON、autoconfig）。
read-unsupported = { $path }：不支援（{ $what }）。

note-not-understood = 無法識別；原樣保留
note-client-refuses = 該程式本身會拒絕這一行，進而拒絕整個檔案
note-source-not-followed = 「source」：未讀取被引入的檔案（請單獨檢查）
note-command-not-run = 命令：僅顯示，mailconf 不會執行
note-hook-not-read = 掛鉤（hook）：其中的設定稍後才生效，未讀取

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
