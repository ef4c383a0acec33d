# mailconf 的简体中文文字。消息 id 和变量与 i18n/en/mailconf.ftl 完全相同；
# 术语以 i18n/glossary.tsv 为准。主机名、端口、日期、加密套件以及服务器或系统的原话作为变量原样显示。

## Shared shapes

with-detail = { $sentence }：{ $detail }

## The probe's one-line summary of a way in

probe-secure = { $version } { $cipher }，证书可信
probe-secure-no-tls = 安全
probe-plain-endpoint = 不加密：网络路径上的任何人都能读取这个连接
probe-starttls-not-offered = 服务器不支持 STARTTLS：只能明文连接
probe-starttls-refused = 服务器拒绝了 STARTTLS：只能明文连接
probe-tls-error = TLS 错误：{ $problem }

tls-expired = 证书已过期
tls-not-yet-valid = 证书尚未生效
tls-wrong-name = 证书上的名称与此主机不符
tls-self-signed = 自签名证书，没有任何机构为其担保
tls-unknown-issuer = 证书由未知的机构签发
tls-invalid-certificate = 证书无效
tls-protocol-version = 服务器只支持 TLS 1.2 以下的旧版本
tls-no-common-cipher = 服务器不接受 mailconf 提供的任何加密套件（TLS 1.2/1.3，ECDHE 密钥交换）；它很可能只支持 RSA 或 DHE 密钥交换，mailconf 不使用这类旧方式
tls-handshake-failed = TLS 握手失败
tls-not-tls = 服务器在此端口上没有使用 TLS（可能是明文端口）

cert-expired = 证书已于 { $date } 过期（{ $days } 天前）
cert-not-yet-valid = 证书在 { $date } 之前无效
cert-wrong-name = 证书签发给 { $names }，而不是此主机
cert-self-signed = 自签名证书（{ $subject }），没有任何机构为其担保
cert-unknown-issuer = 证书由未知的机构签发（{ $issuer }）
cert-untrusted = { $problem }（不受信任）
cert-untrusted-detail = { $problem }；{ $detail }（不受信任）
cert-report-only-nothing-sent = { $problem }；以仅报告模式读取，未发送任何机密
cert-report-only-password-sent = { $problem }；以仅报告模式读取；因你允许了这张证书，密码已发送

probe-dns = 找不到服务器 { $host }（域名解析失败）
probe-refused = 连接被 { $addr } 拒绝
probe-unreachable = 无法连接到 { $addr }
probe-timeout-connect = { $secs } 秒内没有回应：可能被防火墙或你的网络运营商拦截
probe-timeout-reply = 服务器没有在 { $secs } 秒内完成回复
probe-timeout-tls = TLS 握手没有在 { $secs } 秒内完成
probe-timeout-overall = 探测没有在 { $secs } 秒内完成
probe-dns-any = 域名解析失败
probe-refused-any = 连接被拒绝
probe-io = 连接出错
probe-cancelled = 已取消
probe-protocol = 服务器违反了协议

protocol-line-too-long = 服务器发送的一行超过了 { $max } 字节
protocol-too-many-lines = 服务器的一个回复超过了 { $max } 行
protocol-too-many-bytes = 服务器的一个回复超过了 { $max } 字节
protocol-malformed = 服务器的回复格式不正确
protocol-rejected = 服务器拒绝了这次会话
protocol-unexpected = 服务器对 { $command } 的回复是
protocol-response-injection = 响应注入：在 { $command } 的确认之后、TLS 开始之前收到了 { $bytes } 字节；已中止
protocol-unexpected-eof = 服务器在回复完成之前关闭了连接
protocol-finished = 协议会话已经结束（mailconf 的程序错误）

## The probe table and what follows it

table-probing = 正在测试 { $host }（{ $count } 种连接方式）
table-protocol = 协议
table-port = 端口
table-security = 加密
table-result = 结果
table-time = 耗时
table-details = 详情
verdict-secure = 安全
verdict-plaintext = 仅明文
verdict-tls-error = TLS 错误：{ $problem }
verdict-refused = 拒绝连接
verdict-timed-out = 超时
verdict-protocol-error = 协议错误
verdict-dns-error = DNS 错误

tls-label-expired = 证书已过期
tls-label-not-yet-valid = 证书尚未生效
tls-label-wrong-name = 证书名称不符
tls-label-self-signed = 自签名证书
tls-label-unknown-issuer = 证书签发机构未知
tls-label-invalid-certificate = 证书无效
tls-label-protocol-version = TLS 版本过旧
tls-label-no-common-cipher = 没有共同的加密套件
tls-label-handshake-failed = 握手失败
tls-label-not-tls = 不是 TLS

login-line = └ 登录：{ $outcome }
login-success = 登录成功
login-credentials-rejected = 用户名或密码被拒绝
login-authorization-code-required = 需要授权码
login-app-password-required = 需要应用专用密码
login-service-disabled = 账户未开启此服务
login-oauth2-required = 需要 OAuth2 登录
login-temporarily-unavailable = 暂时不可用
login-encryption-required = 服务器要求加密后才能登录
login-mechanism-not-offered = 服务器未提供密码登录方式
login-connection-problem = 连接出错
login-unexpected-reply = 意外的回复
login-not-tried = 未尝试：{ $why }
not-tried-plaintext = 连接未加密
not-tried-untrusted-certificate = 证书不受信任（{ $problem }）
not-tried-rejected-elsewhere = 同一组凭据已在 { $protocol } { $port } 上被拒绝
not-tried-failed-elsewhere = { $protocol } { $port } 上的登录已发送密码但未成功（{ $outcome }）；再试可能导致账户被锁定
not-tried-probe-failed = 探测失败
not-tried-preauthenticated = 已预先登录（PREAUTH）
login-risk-plaintext = 不加密：网络路径上的任何人都能读到密码
login-risk-certificate = 证书不受信任；只适用于 SHA-256 为 { $fingerprint } 的证书
login-at-your-own-risk = （风险自负，{ $risk }：{ $flag }）
mailbox-check-after-id = 发送 ID 后
mailbox-check-without-id = 未发送 ID

advice-heading = 建议：
recommendation-heading = 推荐设置（RFC 8314：优先隐式 TLS，其次 STARTTLS；绝不使用明文）：
recommendation-also = {"   "}（也可：{ $alternatives }）
recommendation-none = 未找到安全的连接方式

## Passwords on the command line

password-prompt = { $who } 的密码（输入时不显示）：
password-stdin-failed = 无法从标准输入读取密码
password-env-unset = 环境变量 { $var } 未设置（或不是有效的 UTF-8）
password-read-failed = 无法读取密码
password-needed = 需要密码：使用 { $flags }，或在终端中运行以便输入
password-empty = 密码为空

## Discovery

at-url = { $url }：{ $sentence }
list-separator = {"；"}
prov-database = 数据库 { $matched } → { $provider }
prov-database-parent = 数据库 { $matched }（上级域名）→ { $provider }
prov-mx = MX { $exchange } → { $provider }
prov-place = { $place }
prov-plain-http = { $place }（明文 HTTP）
prov-redirected = { $place }（被重定向到明文 HTTP）
prov-ispdb-mx = ISPDB { $domain }（MX { $exchange }）
prov-srv = SRV { $label }._tcp
prov-srv-records = { $domain } 的 SRV 记录
prov-guessed = 猜测
src-no-database-entry = 数据库中没有 { $domain } 的条目
src-no-usable-mx = 没有可用的 MX 记录
src-no-mx = 没有 MX 记录
src-mx-matches-nothing = MX { $hosts } 与数据库中的服务商都不匹配
src-mx-no-base-domain = MX { $exchange } 没有可注册的主域名
src-mx-inside-domain = MX 主机 { $exchange } 就在该域名之内
src-missing = { $url }：HTTP { $status }
src-no-usable-srv = { $domain } 没有可用的 SRV 记录
src-every-srv-ignored = { $domain } 的所有 SRV 记录都被忽略
src-no-guess-resolves = { $domain } 的常用主机名（pop.、imap.、smtp.、mail.、域名本身）都无法解析
src-guesses-unanswered = 检查了 { $count } 个猜测的服务器，没有一个像邮件服务器那样应答（{ $failures }）
src-guess-failure = { $place } { $detail }
src-cancelled-decided = 已取消：更可信的来源已有答案
src-cancelled = 已取消
src-still-running = 截止时间到时仍在运行
ign-srv-outside = 目标 { $target } 不在 { $domain } 之内，也不是数据库已知的服务器；DNS 应答可能被伪造，因此未采用
ign-too-many-of-protocol = 未探测：一个应答中有超过 { $max } 个 { $protocol } 服务器
ign-too-many = 未探测：一个应答中有超过 { $max } 个服务器
ign-more-servers = 另外 { $count } 个服务器
ign-too-many-servers = 未探测：一个应答中的服务器太多
verify-unfinished = 探测在查找的截止时间前未完成
dns-no-such-name = { $name } 没有 { $rtype } 记录（该名称不存在）
dns-no-records = { $name } 没有 { $rtype } 记录
dns-unreachable = DNS 服务器 { $server } 无法访问
dns-timeout = DNS 查询 { $name }（{ $rtype }）超时
dns-failed = DNS 查询 { $name }（{ $rtype }）失败
dns-config = 无法设置 DNS
http-cannot-connect = 无法连接到 { $target }
http-timed-out = 超时
http-deadline = 截止时间前没有完整的应答
http-not-utf8 = 文档不是 UTF-8 文本
http-status = HTTP 状态码 { $status }
http-too-large = 已拒绝：文档超过 { $limit } 字节（1 MiB）的上限
http-insecure-redirect = 已拒绝重定向到明文 HTTP（{ $to }）：自动配置文档只通过 HTTPS 获取
http-too-many-redirects = 已拒绝：重定向超过 { $max } 次
http-setup = 无法设置 HTTPS 客户端
found-by = 通过 { $provenance } 找到
nothing-found-because = 没有找到 { $domain } 的设置：{ $why }
nothing-found-deadline = 截止时间（{ $secs } 秒）前没有找到 { $domain } 的设置；仍在运行的来源已停止
nothing-found-answered = 没有找到 { $domain } 的设置：每个来源都已应答，但都没有设置
nothing-found-some-failed = 没有找到 { $domain } 的设置：没有来源提供设置，另有 { $failed } 个来源无法查询（见各来源）

## `mailconf discover`

discover-state-found = 找到
discover-state-nothing = 无
discover-state-failed = 失败
discover-state-not-needed = 无需等待
discover-state-timed-out = 超时
discover-unauthenticated = 通过 DNS 找到（未经认证）：网络路径上的任何人都可能伪造它；请与服务商自己的说明核对
discover-username = 用户名：{ $form }
discover-answered = 已应答：{ $detail }
discover-check-failed = 检查失败：{ $detail }
discover-found = 来源：{ $provenance }
discover-deadline = 在 { $secs } 秒的时限内未找到 { $domain } 的设置。
discover-dns-unreachable = 未找到 { $domain } 的设置：无法连接 DNS 服务器。
discover-some-failed = 未找到 { $domain } 的设置：没有来源提供设置，部分来源无法查询（见下文）。
discover-all-answered = 未找到 { $domain } 的设置：所有来源均已应答，都没有可用设置。
discover-alternatives = 备选：
discover-ignored = 已忽略：
discover-sources = 各来源：

## Status lines on standard error

status-from-database = { $provider }（{ $id }），来自服务商数据库
status-discovered = 数据库中没有；查找结果：{ $provenance }

## The app's words about discovery

found-by-sentence = 通过 { $provenance } 找到
found-by-guessing = 猜测得出：常用的服务器名称有回应。
found-by-unauthenticated = { $found } · 通过 DNS 找到（未经认证）：请与服务商自己的说明核对

## Export errors

export-no-server = 数据库中的 { $provider } 没有 { $protocol } 服务器
export-only-plaintext = { $provider } 只列出了不加密的 { $protocol } 服务器；mailconf 不导出会以明文发送密码的设置
export-oauth2-only = { $provider } 只接受 OAuth2 登录，不接受密码；请在支持 OAuth2 的邮件客户端中设置这个账户
export-nothing-secure = 探测没有找到安全的 { $protocol } 服务器：没有经过验证的设置可导出
export-wrong-protocol = { $role ->
        [incoming] 收信
       *[other] 发信
    }服务器必须是 { $expected }，而不是 { $found }
export-plaintext = { $host }:{ $port } 不加密；mailconf 只导出使用 TLS 或 STARTTLS 的服务器
export-address-required = { $format } 格式需要完整的邮箱地址，只有服务商不够
export-password-not-supported = { $format } 格式不能包含密码；请不带密码导出
export-unsupported = { $format } 格式无法表达：{ $what }
export-unrepresentable = { $field } 无法写入 { $format } 文件：{ $reason }
export-write = 无法写出 { $format } 文档：{ $message }

## Provider files

provider-file-unreadable = { $file }：无法读取（{ $detail }）
provider-file-parse = { $file }，第 { $line } 行第 { $column } 列：{ $field }{ $detail }
provider-field-prefix = 字段 `{ $field }`：
provider-file-invalid = { $file }：字段 `{ $field }`：{ $detail }
provider-file-duplicate-domain = { $file }：域名 { $domain } 已由 { $other }（{ $other_file }）提供
provider-file-duplicate-id = { $file }：编号 { $id } 已被 { $other_file } 使用
provider-file-skipped = 警告：已跳过一个服务商文件：{ $problem }
validate-error = 错误：{ $problem }
validate-summary = 已检查 { $files } 个文件，发现 { $problems } 个问题

## Advice (src/advice/mod.rs): what the results mean and what to do

advice-the-server = 服务器
advice-discontinued-replaced = { $provider }已于 { $year } 年关闭；{ $replacement }。
advice-discontinued = { $provider }已于 { $year } 年关闭，没有可以测试的服务器了。
advice-nothing-found-for = 没有找到 { $domain } 的邮件设置。请检查地址是否有误；如果你知道邮件服务器的名称（可以问服务商或管理员），请直接测试该名称，例如 { $command }。
advice-authorization-code = { $provider }需要使用授权码，而不是网页登录密码。请登录网页版邮箱，打开“设置 → POP3/SMTP/IMAP”，开启服务并生成授权码，把它作为密码填写{ $spaces ->
        [yes] （不要带空格）
       *[no] {""}
    }。
advice-app-password = { $provider }在邮件客户端中不接受普通密码。请开启两步验证，在账户的安全设置中创建应用专用密码，并把它作为密码填写{ $spaces ->
        [yes] （不要带空格）
       *[no] {""}
    }。
advice-oauth2-only = { $provider }的 POP、IMAP 和 SMTP 已不再接受密码（包括应用专用密码），只能通过 OAuth2 登录。请使用支持 OAuth2（“使用微软账户登录”）的邮件客户端，例如 Thunderbird、Outlook 或 Apple 邮件；上面的服务器设置不变。
advice-service-not-enabled = { $provider }尚未为此账户开启 POP3/IMAP/SMTP 服务。请在网页版邮箱的设置中开启（通常在“POP3/SMTP/IMAP”或“转发和 POP/IMAP”下），然后重新测试。
advice-credentials-rejected = { $provider }拒绝了用户名或密码。请检查两者（用户名通常是完整的邮箱地址），并注意密码是否已更改或是否开启了大写锁定。
advice-imap-id-required = { $provider }对不发送 ID 命令的 IMAP 客户端会拒绝打开邮箱（“Unsafe Login”）。请使用会发送 ID 命令的客户端（Thunderbird、Foxmail、服务商自己的客户端），或改用 POP3。
advice-login-stopped = 第一次被拒绝后，mailconf 没有在其他服务器上再试同一密码，以免账户被锁定。
advice-temporarily-unavailable = { $provider }暂时无法登录（服务器繁忙、邮箱正被使用或登录过于频繁）。请等几分钟再试，并关闭其他正在使用此账户的邮件客户端。
advice-insecure-login-not-tried = 在未加密或证书不受信任的连接上没有发送密码：网络上的任何人都可能读取它。请使用推荐的安全设置。
advice-encryption-required = 服务器拒绝未加密的登录（这是好事）。请使用 SSL/TLS 或 STARTTLS。
advice-login-works = 用户名和密码可以正常登录。
advice-port25-blocked = 从这里无法连接 25 端口（运营商常会封锁），但 465/587 可用：请通过 465（SSL/TLS）或 587（STARTTLS）发信。
advice-port25-blocked-use = 从这里无法连接 25 端口（运营商常会封锁）。请通过可用的 { $ports }发信。
advice-port-with-security = { $port }（{ $security }）
advice-or = {" 或 "}
advice-starttls-missing = 部分端口只能不加密使用（不支持或拒绝 STARTTLS）：密码和邮件会以明文传输。请不要使用这些端口。
advice-certificate-expired = 服务器证书已过期（或尚未生效），连接不可信，需要服务商更新证书。也请检查本机日期是否正确。
advice-certificate-wrong-name = 服务器证书上的名称不符：服务器名称填错了，或有人在拦截连接。请使用服务商公布的服务器名称。
advice-certificate-untrusted = 服务器证书不是由受信任的机构签发的（自签名或未知签发者）。密码可能被截获；除非管理员要求，请不要接受该证书。
advice-dns-failure = 找不到服务器名称（DNS 解析失败）。请检查邮箱地址或服务器名称的拼写，并确认本机已联网。
advice-everything-blocked = 所有邮件端口都没有响应。可能是防火墙、代理或所在网络（公司、学校、酒店 Wi-Fi 等）封锁了邮件连接；请换一个网络试试，或询问网络管理员。
advice-service-closed = 这个邮件服务已经关闭。
advice-nothing-found = 没有找到这个域名的邮件设置。请检查地址是否有误，或直接测试邮件服务器的名称。

## Why a check could not run

check-discontinued = { $provider }已于 { $year } 年停止服务，没有可以探测的服务器
check-nothing-found = 没有找到 { $domain } 的设置：{ $why }
check-credentials = {"--user"}/密码：{ $problem }
credentials-empty-username = 用户名为空
credentials-control-username = 用户名含有控制字符（换行、{"NUL"} 等）
credentials-control-password = 密码含有控制字符（换行、{"NUL"} 等）
check-no-user = 给出了密码但没有用户名：请加上 {"--user"}（或以邮箱地址作为目标）
check-consent-needs-host = {"--allow-insecure-auth"} { $consent } 没有指明主机，而这次要探测多台主机：{ $hosts }；请写成 {"protocol:HOST:port:security"}，例如 { $example }
check-no-endpoints = 没有剩下可探测的连接方式（请检查 {"--only"}）
check-tls-setup = 无法设置 TLS
check-runtime = 无法开始检查
check-ended-without-answer = 检查结束了，但没有结果

## What exported files say about themselves (src/export/provenance.rs)

export-generated = { $who } 的邮件设置，由 mailconf 生成。
export-from-database = 设置来自 mailconf 的服务商数据库（条目“{ $entry }”），未经服务器实测。
export-from-discovery = 设置由 mailconf 在网上查找得出（{ $provenance }），未经服务器实测。
export-tested-on = 已由 mailconf 于 { $when } 对服务器实测：
export-certificate-fingerprint = 证书 SHA-256 { $fingerprint }
export-login-ok = 登录成功
export-login-failed = 登录失败
export-endpoint-verdict = - { $protocol } { $host }:{ $port }（{ $security }）：{ $facts }
export-facts-separator = {"；"}
export-leave-on-server = 下载后邮件保留在服务器上（只下载，不删除）。
export-delete-from-server = 下载后从服务器上删除邮件。
export-no-keep-setting = 此文件无法设置“在服务器上保留邮件”，将沿用客户端自己的默认设置（您选择了保留邮件：请检查客户端的 POP 设置）。
export-no-delete-setting = 此文件无法设置“下载后从服务器删除邮件”，将沿用客户端自己的默认设置（您选择了删除：请在客户端的 POP 设置中更改）。
export-imap-id-no-setting = { $provider } 要求 IMAP 客户端发送 ID 命令（RFC 2971），否则打开邮箱时会出现“Unsafe Login”错误。此文件无法设置这一项，将沿用客户端自己的行为：如果客户端不发送 ID，请改用 POP3（{ $command }）。
export-imap-id-client-cannot = { $provider } 要求 IMAP 客户端发送 ID 命令（RFC 2971），而 { $format } 无法发送：打开邮箱时会出现“Unsafe Login”错误。请改用 POP3（{ $command }）。
export-good-to-know = 注意：{ $note }。

## A mail program's settings file (src/existing/)

kind-thunderbird = Thunderbird 配置文件夹
kind-fetchmail = fetchmail 配置文件
kind-msmtp = msmtp 配置文件
kind-mutt = mutt / neomutt 配置文件
kind-getmail = getmail 配置文件
kind-apple = Apple 描述文件
kind-mailconf-json = mailconf JSON 导出文件
kind-autoconfig = Thunderbird 自动配置文件

field-host = 服务器
field-port = 端口
field-security = 连接安全
field-auth = 身份验证
field-username = 用户名

auth-automatic = 自动
auth-none = 无
auth-password = 普通密码
auth-encrypted-password = 加密的密码
auth-external = 外部（证书）

read-not-found = 无法读取 { $path }：文件不存在。
read-permission = 无法读取 { $path }：你没有读取它的权限。
read-io = 无法读取 { $path }：系统报告：{ $reason }。
read-too-large = { $path } 有 { $size } 字节，超过这类文件 { $limit } 字节的上限。
read-line-too-long = { $path } 第 { $line } 行：超过 { $limit } 字节。
read-encoding = { $path } 第 { $line } 行：不是有效的 UTF-8 文本。
read-syntax = { $path } 第 { $line } 行：格式错误（{ $message }）。
read-unknown-format = { $path }：无法判断这个文件属于哪个程序（Thunderbird、fetchmail、msmtp、mutt、getmail、Apple 描述文件、mailconf JSON、autoconfig）。
read-unsupported = { $path }：不支持（{ $what }）。

note-not-understood = 无法识别；原样保留
note-client-refuses = 该程序本身会拒绝这一行，进而拒绝整个文件
note-source-not-followed = “source”：未读取被引入的文件（请单独检查）
note-command-not-run = 命令：仅显示，mailconf 不会运行
note-hook-not-read = 钩子（hook）：其中的设置稍后才生效，未读取

## Checking the settings a user already has (src/check/existing.rs,
## `mailconf check`, the app's "Check my current settings")

existing-password-not-in-file = 不在文件中
existing-password-in-file = 在文件中（不显示）
existing-password-command = 来自命令“{ $command }”（未运行）
existing-file-says = 文件中的设置：{ $host }:{ $port } { $security }，登录方式 { $auth }，用户名 { $user }，密码{ $password }
existing-change = 第 { $line } 行：{ $field } { $before } → { $after }
existing-verdict = 结论：{ $verdict }
existing-what-changed = 变化：“{ $change }”
existing-saved = 已保存：{ $path }
existing-not-saved = 未保存：{ $error }

# OAuth2（issue 17）。命令、选项、文件名和关键字以变量传入，在各语言中原样显示。
credentials-bad-token = 访问令牌含有 OAuth2 令牌中不可能出现的字符
advice-oauth2-token-accepted = OAuth2 登录可用：服务器接受了访问令牌。
advice-oauth2-token-rejected = { $provider }拒绝了访问令牌（已过期、已撤销或属于其他账户）。请用此账户重新登录（{ $command }，或在窗口中点“登录”），然后重新测试。
advice-oauth2-scope-missing = { $provider }表示令牌缺少此协议所需的权限。请在应用注册中加入邮件权限（见说明文档“OAuth2 登录”一节），重新登录并同意授权，然后重新测试。
advice-oauth2-protocol-disabled = 令牌有效，但{ $provider }为此邮箱或整个组织关闭了 POP 或 IMAP。Outlook 网页版：设置 → 邮件 → 转发和 IMAP。Microsoft 365：由管理员在“用户 → 邮件 → 管理电子邮件应用”中开启。
advice-smtp-auth-disabled = { $provider }为此邮箱或整个组织关闭了 SMTP 身份验证，邮件客户端无法发信（Microsoft 365 中很常见）。请管理员为此邮箱开启“经过身份验证的 SMTP”（用户 → 邮件 → 管理电子邮件应用）；收信不受影响。
export-oauth2-sign-in-once = OAuth2：先用 { $login } 登录一次（刷新令牌保存在系统密钥环中）；之后 { $client } 每次都会通过 { $token } 获取新的访问令牌。
export-oauth2-fetchmail-builds = { $keyword } 需要支持 OAuth2 的 fetchmail（{ $builds }）；{ $distributions } 的 fetchmail 6.4 会拒绝此文件，请改用 getmail6（{ $command }）或 neomutt。
export-oauth2-fetchmail-run = 运行时通过管道传入令牌，令牌不会写入任何文件：{ $command }
export-oauth2-thunderbird = OAuth2：添加账户时 Thunderbird 会自行打开服务商的登录页面，不需要输入密码。
signin-signing-in-now = 没有保存 { $account } 的登录，现在开始登录。
signin-signed-in-to-file = 已以 { $account } 登录 { $provider }；刷新令牌保存在 { $file }（权限 0600），而不是系统密钥环中。运行 { $command } 时也要加上 { $option }。
app-signin-client-id = OAuth2 客户端 ID
app-signin-client-id-hint = 你在服务商处注册的应用的 ID
app-signin-sign-in = 登录
app-signin-cancel = 取消登录
app-signin-no-client-id = 请先填写你在服务商处注册的应用的客户端 ID。
app-signin-no-oauth2 = mailconf 不了解此服务商的 OAuth2 登录方式。
app-signin-sign-in-first = 此服务商只接受 OAuth2：请先登录再测试登录（不登录时“测试连接”只检查服务器）。
app-signin-waiting = 正在等待浏览器：请在服务商的页面上登录。
app-signin-cancelled = 登录已取消。
app-signin-signed-in = 已以 { $account } 登录。“测试连接”现在会使用令牌。
app-signin-not-kept = （系统密钥环不可用：关闭窗口后不会保留登录。）
app-signin-failed = 登录失败：{ $reason }
signin-page-signed-in = 已登录。可以关闭此窗口，回到 mailconf。
signin-page-refused = 登录未完成，原因请看 mailconf。
signin-page-state-mismatch = 此回应不属于 mailconf 发起的登录，已拒绝。
signin-device-prompt = 请在浏览器中打开 { $url } 并输入代码 { $code }（{ $minutes } 分钟内有效）。mailconf 在此等待。
signin-error-setup = 无法开始登录：{ $message }
signin-error-no-device-flow = 此服务商的邮件登录不支持设备代码方式，请改用浏览器登录。
signin-error-http = 无法连接登录服务器 { $url }，或其回应无法使用：{ $message }
signin-refused-consent = 你（或管理员）拒绝了 mailconf 请求的访问权限（{ $code }）{ $detail }。请重新登录并允许。
signin-refused-client = 服务商不接受此客户端 ID（{ $code }）{ $detail }。请检查你注册的客户端 ID，以及它是否为允许这类账户使用的桌面或公共客户端。
signin-refused-tenant = 此账户不属于 mailconf 所请求的租户（{ $code }）{ $detail }。请用 { $option } 指定你所在组织的租户（租户 ID 或域名），或使用 { $common }。
signin-refused-scope = 服务商拒绝为此客户端授予邮件权限（{ $code }）{ $detail }。请在注册的应用中添加 IMAP、POP 和 SMTP 权限。
signin-refused-expired = 登录已过期或已被撤销（{ $code }）{ $detail }。请重新登录。
signin-refused-other = 服务商拒绝了登录（{ $code }）{ $detail }。
signin-error-state-mismatch = 收到的回应不属于本次登录，mailconf 已拒绝。请重新登录。
signin-error-timed-out = 登录未在 { $seconds } 秒内完成，请重新开始。
signin-error-cancelled = 登录已取消。
signin-open-browser = 请在浏览器中登录；如果浏览器没有打开，请打开：
signin-no-refresh-token = 服务商没有提供刷新令牌，因此无法保存登录；请检查应用是否允许离线访问（{ $scope }）。
signin-signed-in = 已以 { $account } 登录 { $provider }；刷新令牌保存在系统密钥环中。{ $command } 会输出访问令牌。
