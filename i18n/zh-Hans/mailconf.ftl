# mailconf 的简体中文文字。消息 id 和变量与 i18n/en/mailconf.ftl 完全相同；
# 术语以 i18n/glossary.tsv 为准。主机名、端口、日期、加密套件以及服务器或系统的原话作为变量原样显示。

## Shared shapes

with-detail = { $sentence }：{ $detail }
# A label and its value ("SMTP: use smtp.qq.com:465 SSL/TLS").
label-value = { $label }：{ $value }
# Something with an aside in brackets ("Incoming mail (IMAP)", "QQ Mail (qq)").
in-parens = { $text }（{ $aside }）

## The probe's one-line summary of a way in

probe-secure = { $version } { $cipher }，证书受信任
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
ca-file-unusable = 无法使用根证书文件 { $path }
ca-file-missing = 根证书文件 { $path } 不存在。
ca-file-no-certificate = 根证书文件 { $path } 中没有证书（没有“{ $marker }”这一行）。
discover-ispdb-url-not-https = { $option } “{ $url }”必须是 { $https } 网址（只有加上 { $allow } 才能用 { $http }）。
tls-setup-refused = TLS 设置被拒绝

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

## The probe table's cells
# The DETAILS cell: the summary, then what the server offers.
table-details-with-capabilities = { $summary }；{ $capabilities }

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
src-cancelled-decided = 已取消：更受信任的来源已有答案
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
dns-server-refused = 连接被拒绝（该地址和端口上没有 DNS 服务）
dns-server-no-answer = { $ms } 毫秒内没有应答
dns-timeout = DNS 查询 { $name }（{ $rtype }）超时
dns-failed = DNS 查询 { $name }（{ $rtype }）失败
dns-config = 无法设置 DNS
dns-server-address = “{ $value }”不是 DNS 服务器地址：请用“IP”或“{ $shape }”，例如“{ $example }”或“{ $example6 }”。
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

## What mailconf says about a settings document it read

language-name = { $code ->
        [cs] 捷克语
        [da] 丹麦语
        [de] 德语
        [en] 英语
        [es] 西班牙语
        [et] 爱沙尼亚语
        [fr] 法语
        [it] 意大利语
        [ja] 日语
        [lt] 立陶宛语
        [lv] 拉脱维亚语
        [nl] 荷兰语
        [pl] 波兰语
        [pt] 葡萄牙语
        [ru] 俄语
        [sr] 塞尔维亚语
        [zh] 中文
       *[other] { $code }
    }
import-help-page-in = 帮助页面（{ $language }）：{ $title }
import-help-page = 帮助页面：{ $title }
import-note-plaintext = 来源数据中列出的明文服务器；密码会以未加密的形式在网络上传输。
import-note-plaintext-no-login = 来源数据中列出的明文服务器；邮件会以未加密的形式在网络上传输。
import-note-username = 来源数据给出的用户名格式为 { $form }。
import-note-own-network = 来源数据称此服务器只接受来自服务商自身网络的客户端。
import-enable-access-at = 请先在网页版设置中开启 POP3/IMAP 访问：{ $url }
import-enable-access = 请先在网页版设置中开启 POP3/IMAP 访问。
import-no-dot-before-placeholder = “{ $prefix }”在占位符之前没有以点结尾
import-bad-port = 没有有效的端口（1-65535）
import-unknown-socket-type = 未知的 {"socketType"}“{ $value }”
import-url-not-http = 不是 {"http"} 或 {"https"} 网址
import-url-space = 网址中含有空格或控制字符
import-url-too-long = 网址超过 { $bytes } 字节
import-oauth2-missing = 缺少 <{ $element }>
import-oauth2-invalid = OAuth2 设置 { $field } 无法使用
import-oauth2-from-run-time = OAuth2 端点只取自 mailconf 自带的数据库，从不取自运行时找到的文件

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
provider-file-parse = { $file }，第 { $line } 行第 { $column } 列：这不是 mailconf 能读取的服务商条目。JSON 解析器的原话：{ $field }{ $detail }
provider-field-prefix = 字段 `{ $field }`：
provider-file-invalid = { $file }：字段 `{ $field }`：{ $problem }
provider-file-duplicate-domain = { $file }：域名 { $domain } 已由 { $other }（{ $other_file }）提供
provider-file-duplicate-id = { $file }：编号 { $id } 已被 { $other_file } 使用
provider-file-skipped = 警告：已跳过一个服务商文件：{ $problem }
validate-error = 错误：{ $problem }
validate-summary = 已检查 { $files } 个文件，发现 { $problems } 个问题

## What is wrong in a provider entry

validate-empty-text = 文字为空：每段文字都需要三种语言
validate-not-http-url = “{ $value }”不是 {"http(s)"} 网址
validate-bad-id = “{ $value }”只能由小写字母、数字、{"'-'"} 和 {"'.'"} 组成
validate-id-not-file-name = “{ $id }”与文件名“{ $stem }{".json"}”不一致
validate-nothing-matches = 没有 {"domains"} 也没有 {"mx_suffixes"}：不会有任何地址匹配这个服务商
validate-bad-domain = “{ $value }”不是小写 {"ASCII"} 域名（请使用 {"punycode"}）
validate-listed-twice = “{ $value }”列出了两次
validate-bad-mx-suffix = “{ $value }”不是小写 {"ASCII"} 主机名后缀
validate-bad-year = { $year } 不是合理的年份
validate-no-incoming = 仍在服务的服务商至少需要一台接收服务器
validate-no-outgoing = 仍在服务的服务商至少需要一台发送服务器
validate-wrong-list = { $protocol } 不应在这里：{ $list ->
        [outgoing] 发送服务器只能是 {"smtp"}
       *[incoming] 接收服务器只能是 {"pop3"} 或 {"imap"}
    }
validate-bad-host = “{ $value }”不是小写 {"ASCII"} 主机名
validate-port-zero = 端口 0 不是有效端口（1-65535）
validate-plain-without-note = 明文服务器需要一条说明，指出它是不安全的旧方式
validate-same-server-twice = 同一台服务器列出了两次
validate-empty-reply = 空文字会匹配所有回复
validate-no-source = 每个条目至少需要一个来源
validate-bad-month = “{ $value }”不是 {"YYYY-MM"} 格式的月份
validate-source-about-empty = 请说明这个来源支持哪些事实
validate-hand-no-url = 手写的条目至少需要一个带网址的来源
validate-hand-no-own-page = 手写的条目需要一个来自服务商自己网页的来源（{"kind provider-docs"}，带网址和核对月份），或一个说明原因的 {"no-provider-page"} 来源
validate-hand-unbacked = {"oauth2"} 部分需要一个带网址、且 {"about"} 中写明“{ $fact }”的来源
validate-hand-why-no-page = 请说明找过什么，以及为什么无法使用服务商自己的网页

# 服务商条目中 OAuth2 部分的问题（src/providers/oauth2.rs）。
oauth2-problem-url-too-long = 网址超过 { $bytes } 字节
oauth2-problem-url-space = 网址中含有不允许的字符：{ $found }
oauth2-problem-url-not-ascii = 网址中含有非英文字符（主机名须先转换为国际化域名的编码形式，路径须使用百分号编码）
oauth2-problem-not-https = 网址不以“{ $scheme }”开头：OAuth2 端点必须是加密的网址
oauth2-problem-url-user-info = 网址中带有用户名或密码
oauth2-problem-bad-port = “{ $value }”不是有效端口（1-65535）
oauth2-problem-url-fragment = 网址带有片段（#…）
oauth2-problem-tenant-not-taken = 网址中含有“{ $placeholder }”，但条目没有指定租户
oauth2-problem-tenant-segment = “{ $placeholder }”必须独占路径中的一段
oauth2-problem-stray-brace = 网址中含有“{ $placeholder }”路径段以外的花括号
oauth2-problem-no-host = 网址中没有主机名
oauth2-problem-ip-address = “{ $value }”是 {"IP"} 地址，不是主机名
oauth2-problem-bad-host = “{ $value }”不是有效的主机名（只能使用小写字母、数字、连字符和点，国际化域名须先转换）
oauth2-problem-looks-like-ip = “{ $value }”看起来像 {"IP"} 地址，不是主机名
oauth2-problem-empty-scope = 有一个权限范围是空的
oauth2-problem-scope-too-long = 有一个权限范围超过 { $bytes } 字节
oauth2-problem-scope-character = 权限范围中含有 RFC 6749 不允许的字符：{ $found }（只能使用可打印的英文字符，不能有空格、“{ $quote }”和“{ $backslash }”）
oauth2-problem-bad-tenant = “{ $value }”不是租户：请使用“{ $common }”、“{ $organizations }”、“{ $consumers }”、租户 ID（例如“{ $guid }”）或租户的域名（例如 { $example }）
oauth2-problem-no-scopes = 没有权限范围：没有邮件权限范围的令牌打不开任何邮箱
oauth2-problem-takes-no-tenant = 这个服务商的登录不使用租户

## Advice (src/advice/mod.rs): what the results mean and what to do

advice-the-server = 服务器
advice-discontinued-replaced = { $provider }已于 { $year } 年关闭；{ $replacement }。
advice-discontinued = { $provider }已于 { $year } 年关闭，没有可以测试的服务器了。
advice-nothing-found-for = 没有找到 { $domain } 的邮件设置。请检查地址是否有误；如果你知道邮件服务器的名称（可以问服务商或管理员），请直接测试该名称，例如 { $command }。
advice-dns-unreachable-at = 无法访问 DNS 服务器 { $server }，因此还无法得知这个域名的任何信息：请检查网络连接（或用 {"--dns"} 指定的服务器），然后重新测试。
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
advice-imap-id-required = { $provider }对不发送 ID 命令的 IMAP 客户端会拒绝打开邮箱（“{"Unsafe Login"}”）。请使用会发送 ID 命令的客户端（Thunderbird、Foxmail、服务商自己的客户端），或改用 POP3。
advice-login-stopped = 第一次被拒绝后，mailconf 没有在其他服务器上再试同一密码，以免账户被锁定。
advice-temporarily-unavailable = { $provider }暂时无法登录（服务器繁忙、邮箱正被使用或登录过于频繁）。请等几分钟再试，并关闭其他正在使用此账户的邮件客户端。
advice-insecure-login-not-tried = 在未加密或证书不受信任的连接上没有发送密码：网络上的任何人都可能读取它。请使用推荐的安全设置。
advice-encryption-required = 服务器拒绝未加密的登录（这是好事）。请使用 SSL/TLS 或 STARTTLS。
advice-login-works = 用户名和密码可以正常登录。
advice-port25-blocked = 从这里无法连接 25 端口（运营商常会封锁），但 465/587 可用：请通过 465（SSL/TLS）或 587（STARTTLS）发信。
advice-port25-blocked-use = 从这里无法连接 25 端口（运营商常会封锁）。请通过可用的 { $ports }发信。
advice-port-with-security = { $port }（{ $security }）
advice-or = {"或 "}
advice-starttls-missing = 部分端口只能不加密使用（不支持或拒绝 STARTTLS）：密码和邮件会以明文传输。请不要使用这些端口。
advice-certificate-expired = 服务器证书已过期（或尚未生效），连接不受信任，需要服务商更新证书。也请检查本机日期是否正确。
advice-certificate-wrong-name = 服务器证书上的名称不符：服务器名称填错了，或有人在拦截连接。请使用服务商公布的服务器名称。
advice-certificate-untrusted = 服务器证书不是由受信任的机构签发的（自签名或未知签发者）。密码可能被截获；除非管理员要求，请不要接受该证书。
advice-dns-failure = 找不到服务器名称（DNS 解析失败）。请检查邮箱地址或服务器名称的拼写，并确认本机已联网。
advice-everything-blocked = 所有邮件端口都没有响应。可能是防火墙、代理或所在网络（公司、学校、酒店 Wi-Fi 等）封锁了邮件连接；请换一个网络试试，或询问网络管理员。
advice-service-closed = 这个邮件服务已经关闭。
advice-nothing-found = 没有找到这个域名的邮件设置。请检查地址是否有误，或直接测试邮件服务器的名称。

## Why a check could not run

check-discontinued = { $provider }已于 { $year } 年停止服务，没有可以探测的服务器
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
check-no-thunderbird-profile = { $option }：找不到 Thunderbird 配置文件夹（已查看 { $folder } 下的 { $ini } 以及系统的常用位置）；请指定配置文件夹：{ $example }
check-nothing-to-check = 没有指定文件，常用的文件（{ $files }、Thunderbird 配置文件夹）也都不存在：请写出要检查的文件。

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
export-imap-id-no-setting = { $provider } 要求 IMAP 客户端发送 ID 命令（RFC 2971），否则打开邮箱时会出现“{"Unsafe Login"}”错误。此文件无法设置这一项，将沿用客户端自己的行为：如果客户端不发送 ID，请改用 POP3（{ $command }）。
export-imap-id-client-cannot = { $provider } 要求 IMAP 客户端发送 ID 命令（RFC 2971），而 { $format } 无法发送：打开邮箱时会出现“{"Unsafe Login"}”错误。请改用 POP3（{ $command }）。
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
read-not-a-file = { $path } 是{ $what }，不是文件：只读取普通文件。
read-line-too-long = { $path } 第 { $line } 行：超过 { $limit } 字节。
read-encoding = { $path } 第 { $line } 行：不是有效的 UTF-8 文本。
read-syntax = { $path } 第 { $line } 行：格式错误（{ $message }）。
read-unknown-format = { $path }：无法判断这个文件属于哪个程序（Thunderbird、fetchmail、msmtp、mutt、getmail、Apple 描述文件、mailconf JSON、autoconfig）。
read-unsupported = { $path }：不支持（{ $what }）。
read-unsupported-outlook = Outlook 把设置保存在系统注册表和二进制文件中，mailconf 无法读取；请改为在 mailconf 中输入你的地址（“{ $probe }”、“{ $export }”）
read-unsupported-foxmail = Foxmail 把设置保存在二进制文件中，mailconf 无法读取；请改为在 mailconf 中输入你的地址（“{ $probe }”、“{ $export }”）
read-unsupported-folder = 这个文件夹里没有 { $file }：请指定 Thunderbird 配置文件夹或一个文件
read-unsupported-newer-export = { $field } { $version } 比这个版本的 mailconf 能读取的版本（{ $known }）新

note-not-understood = 无法识别；原样保留
note-client-refuses = 该程序本身会拒绝这一行，进而拒绝整个文件
note-source-not-followed = “source”：未读取被引入的文件（请单独检查）
note-command-not-run = 命令：仅显示，mailconf 不会运行
note-hook-not-read = 钩子（hook）：其中的设置稍后才生效，未读取
note-signature-not-verified = 已签名的描述文件：已读取其内容，未验证签名
note-mailbox-elsewhere = 另一台服务器上的邮箱：其账户在钩子（hook）中设置，未检查

## Applying a corrected Thunderbird file

thunderbird-step-quit = 完全退出 Thunderbird（操作期间它不能在运行）。
thunderbird-step-save = 把这段内容保存为配置文件夹 { $profile } 中的 user.js（如已有 user.js，把这些行加到末尾）。
thunderbird-step-start = 启动 Thunderbird：它会读取 user.js 并保存这些设置。然后再次退出并删除 user.js，否则每次启动都会重置这些设置。
thunderbird-menu-outgoing-server = 账户设置 → 发件服务器（SMTP）→ 编辑
thunderbird-menu-server-settings = 账户设置 → 服务器设置
thunderbird-security = { $security ->
        [tls] SSL/TLS
        [starttls] STARTTLS
       *[none] 无
    }
thunderbird-step-by-hand = 也可以在“{ $place }”中手动修改：服务器 { $host }，端口 { $port }，连接安全 { $security }，身份验证“普通密码”，用户名 { $user }。

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
signin-setup-no-loopback-port = 无法在 127.0.0.1 上打开接收浏览器回复的端口。
signin-setup-bad-url = 服务商的{ $which ->
        [authorization] 登录页地址
        [redirect] 重定向地址
        [device] 设备登录地址
       *[token] 令牌地址
    }无法使用。
signin-setup-ca-refused = { $option } 中的一张 CA 证书被拒绝。
signin-setup-http-client = 无法建立到登录服务器的安全连接。
signin-setup-no-redirect-answer = 有 { $count } 个连接到达 mailconf 的端口，但都没有带来登录的结果。请重新开始登录。
signin-setup-worker = mailconf 无法启动登录的后台工作。
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

## OAuth2: the command line's errors, what is kept, and the window's tenant,
## client secret and device code (src/cli/oauth2.rs, src/signin/store.rs,
## src/app/signin.rs)
oauth2-cli-not-an-address = { $account } 不是邮件地址：请以“用户名@域名”的形式给出账户。
oauth2-cli-no-oauth2 = mailconf 不了解 { $account }（{ $provider }）的 OAuth2 登录方式。
oauth2-cli-no-client-id = 没有客户端 ID：请在服务商处注册一个应用（见“{ $readme }”的 OAuth2 登录一节），并用 { $option } 提供它的 ID。
oauth2-cli-no-tenant = { $provider } 不使用租户：请去掉 { $option }。
oauth2-cli-option = { $option }：{ $problem }
oauth2-cli-secret-env-unset = { $option }：环境变量 { $var } 未设置或为空。
oauth2-bad-tenant = “{ $tenant }”不是租户。请填写“{ $common }”、“{ $organizations }”、租户 ID 或租户的域名（例如 { $example }）。
oauth2-store-not-signed-in = 没有保存 { $account } 的登录：请先运行 { $command }。
oauth2-store-keyring = 无法使用系统密钥环：{ $reason }
oauth2-store-clients = 无法在 { $file } 中记住客户端 ID：{ $reason }
oauth2-store-no-config-dir = 无法记住客户端 ID：没有可以保存 { $file } 的配置目录（找不到主目录；可用 { $variable } 指定一个）。
oauth2-token-file-not-regular = { $file } 不是普通文件（而是链接、设备或文件夹）；刷新令牌只从普通文件读取。
oauth2-token-file-open-to-others = 其他人可以访问 { $file }（权限 { $mode }）；请对它运行 { $command }。
oauth2-token-file-too-large = { $file } 太大，不可能是刷新令牌。
oauth2-token-file-no-token = { $file } 中没有刷新令牌。
oauth2-token-file-unusable = 无法使用 { $file }：{ $reason }
app-signin-tenant = 租户
app-signin-tenant-hint = 留空则为 { $default }；也可填租户 ID 或域名
app-signin-client-secret = 客户端密钥
app-signin-client-secret-hint = 仅当服务商提供了密钥时填写（如 { $example } 的桌面应用）
app-signin-instead-of-password = 用 OAuth2 登录，代替密码
app-signin-optional = 登录后，“测试连接”会发送令牌而不是密码。
app-signin-with-code = 用代码登录
app-signin-with-code-tip = 此处无法打开浏览器时使用：你会得到一个代码，在另一台设备上输入。
app-signin-copy-code = 复制代码
app-signin-device-asking = 正在向服务商请求代码……
app-signin-device-enter = 请在任何带浏览器的设备上打开 { $url } 并输入下面的代码。mailconf 会等待你在那里完成登录。
app-signin-device-time-left = 代码还有 { $minutes } 分钟有效。

## The app's own words (src/app/ui_text.rs, `T`)

## App: Menu bar
ui-language = 语言
ui-view = 视图
ui-theme-system = 跟随系统主题
ui-theme-light = 浅色
ui-theme-dark = 深色

## App: Broken user provider files
ui-user-files-broken = 你自己的部分服务商文件有错误，已被跳过。内置数据库仍可正常使用。
ui-dismiss = 关闭提示

## App: Provider list
ui-providers = 邮件服务商
ui-search = 搜索
ui-search-hint = 名称或域名：网易、qq.com…
ui-no-match = 没有匹配的服务商。

## App: Account
ui-account = 邮箱账户
ui-email-address = 邮箱地址
ui-email-hint = 例如 zhangsan@163.com
ui-username = 用户名
ui-optional = 可选
ui-password = 密码
ui-authorization-code = 授权码
ui-app-password = 应用专用密码
ui-show-password = 显示
ui-hide-password = 隐藏
ui-password-note = 仅保存在本程序的内存中：不会写入磁盘，只会发送给正在测试的邮件服务器。
ui-type-address = 请输入你的邮箱地址，或在列表中选择你的邮件服务商。
ui-picked-without-address = 已从列表中选择。输入你的邮箱名（@ 前面的部分）即可：会自动补上域名并填写用户名。

## App: Provider card
ui-status = 状态
ui-password-field = 密码栏填写
ui-create-it-here = 点此生成
ui-setup-steps = 设置步骤
ui-good-to-know = 注意事项
ui-known-servers = 已知服务器
ui-help-pages = 帮助页面
ui-history = 历史
ui-username-is = 用户名
ui-sent-as = 发送给服务器的用户名：
ui-from-your-file = 来自你自己的服务商文件
ui-from-ispdb = 导入自 Thunderbird 的 ISPDB 数据库

## App: Discovery (domains the database does not know)
ui-nothing-found-what-to-do = 请检查地址是否有拼写错误。如果你知道邮件服务器的名称（可以询问服务商或管理员），请在地址栏中输入它来代替邮箱地址（例如 mail.example.com），然后点击“测试连接”。
ui-discovered-note = 数据库中没有此服务商：这些设置是在网上找到的。“测试连接”会检查它们。
ui-servers-found = 找到的服务器

## App: Test
ui-test-connection = 测试连接
ui-test-tooltip = 同时测试所有连接方式（回车键）
ui-engine-missing = 连接测试无法启动（原因见终端输出）。
ui-export-protocol = 收信方式：
ui-protocol-tested-default = （测试可用）
ui-protocol-provider-default = （服务商推荐）
ui-search-tooltip = Ctrl+F：搜索 · ↑ ↓：在列表中移动 · 回车键：选择
ui-cancel = 取消
ui-cancel-tooltip = 停止测试（Esc 键）
ui-results = 连接测试
ui-demo-data = 演示数据：这些结果是虚构的。
ui-not-tested-yet = 点击“测试连接”，同时测试所有服务器和端口。

## App: Result table
ui-col-protocol = 协议
ui-col-port = 端口
ui-col-security = 加密方式
ui-col-server = 服务器
ui-col-result = 结果
ui-col-time = 耗时
ui-col-tls = TLS
ui-col-certificate = 证书
ui-testing = 测试中…
ui-secure = 安全
ui-insecure = 不安全
ui-failed = 失败
ui-blocked = 被拦截
ui-cancelled = 已取消
ui-show-details = 显示详情
ui-hide-details = 隐藏详情

## App: Why a row is insecure or failed
ui-why-plain-port = 此端口不加密
ui-why-starttls-not-offered = 服务器不支持 STARTTLS
ui-why-starttls-refused = 服务器拒绝了 STARTTLS
ui-why-refused = 连接被拒绝
ui-why-timeout = 等待回应超时
ui-why-dns = 找不到服务器域名
ui-why-tls = 加密（TLS）失败
ui-why-certificate = 证书不受信任
ui-why-protocol = 服务器回应异常
ui-why-filtered = 没有回应：该端口可能被防火墙或网络运营商拦截

## App: Certificate verdicts
ui-cert-trusted = 受信任
ui-cert-expired = 已过期
ui-cert-wrong-name = 名称不符
ui-cert-self-signed = 自签名
ui-cert-untrusted = 不受信任

## App: Row details
ui-capabilities = 服务器功能
ui-caps-before = STARTTLS 之前的服务器功能
ui-caps-after = STARTTLS 之后的服务器功能
ui-certificate = 证书
ui-subject = 主体
ui-issuer = 颁发者
ui-names = 域名
ui-validity = 有效期
ui-fingerprint = SHA-256 指纹
ui-transcript = 会话记录（已去除密码）
ui-detail = 详细信息
ui-no-details = 暂无详情。
ui-copy = 复制

## App: Summary
ui-summary = 结论
ui-no-secure-way = 未找到安全的连接方式
ui-use = 使用
ui-advice = 建议
ui-more-help = 打开服务商的说明页面

## App: Login test
ui-login = 登录
ui-login-ok = 登录成功
ui-login-rejected = 登录被拒绝
ui-login-auth-code = 需要授权码
ui-login-app-password = 需要应用专用密码
ui-login-service-disabled = 服务未开启
ui-login-oauth2 = 仅支持 OAuth2 登录
ui-login-temporary = 暂时不可用
ui-login-encryption-required = 服务器要求先加密
ui-login-no-mechanism = 没有可用的登录方式
ui-login-not-tried = 未发送密码
ui-login-connection-problem = 登录时连接中断
ui-login-unexpected = 登录回应异常
ui-allow-insecure-login = 仍要在此登录…
ui-insecure-login-title = 在不安全的连接上发送密码？
ui-insecure-login-no = 不，不发送
ui-insecure-login-yes = 是，下次测试时发送

## App: Export and report
ui-export = 导出设置
ui-export-from-probe = 文件使用本次测试验证过的服务器。
ui-export-from-discovery = 未测试：文件使用在网上找到的设置，并在文件中注明。
ui-export-from-database = 未测试：文件使用数据库中的设置，并在文件中注明。
ui-include-password = 包含密码
ui-password-in-file = 任何能读取该文件的人都能看到密码。文件将设为仅你本人可读。
ui-close = 关闭
ui-save-as = 另存为…
ui-waiting-for-save-dialog = 正在等待保存对话框…
ui-copy-path = 复制路径
ui-what-path = 已保存文件的路径
ui-what-report = 诊断报告（结果和记录，不含密码）
ui-what-transcript = 通信记录（密码已隐藏）
ui-what-link = 链接
ui-what-device-code = 登录代码
ui-copy-link = 复制链接
ui-insecure-permissions = 允许在不安全连接上登录
ui-withdraw = 撤销
ui-insecure-not-tried = 未尝试登录：连接不安全

## App: mailconf's own file chooser (when no system dialog answers)
ui-save-file-title = 保存文件
ui-no-system-dialog = 此桌面上没有可用的系统文件对话框，因此显示本程序自带的对话框。
ui-folder = 文件夹
ui-file-name = 文件名
ui-parent-folder = 上一级文件夹
ui-home-folder = 主文件夹
ui-documents-folder = 文档
ui-empty-folder = 此文件夹为空。
ui-not-a-file-name = 文件名不能包含“/”，也不能是“.”或“..”。
ui-save = 保存
ui-open-file-title = 打开配置文件
ui-open = 打开
ui-open-profile-folder = 打开这个 Thunderbird 配置文件夹
ui-open-ellipsis = 打开…
ui-replace = 替换
ui-copy-to-clipboard = 复制到剪贴板
ui-export-needs-provider = 请输入已知服务商的邮箱地址或选择服务商，才能导出设置。
ui-copy-report = 复制诊断报告
ui-copy-report-tooltip = 测试结果、结论和建议（不含密码），可发给技术支持
ui-insecure-login-allowed = 已允许：下次测试将在此发送密码
ui-change-insecure-login = 更改…
ui-export-from-server-name = 未测试：文件使用该服务器的标准加密端口，并在文件中注明。
ui-export-needs-username = 请先输入这个服务器的用户名。
ui-copy-with-password = 仍然复制（含密码）
ui-do-not-copy = 不复制
ui-planning = 正在查找要测试的服务器…
ui-why-relay-port = 用于服务器之间传递邮件（端口 25），不适合邮件客户端发信
ui-password-cleared = 密码已清空：它是为另一个服务商的账户输入的。

## The app's sentences with values in them (src/app/ui_text.rs)

ui-export-saved = 已保存到 { $path }。
ui-replace-file = “{ $name }”已存在。要替换它吗？
ui-save-failed = 无法保存 { $path }：{ $reason }。
ui-no-such-file = 此文件夹中没有“{ $name }”。
ui-folder-unreadable = 无法打开 { $folder }：{ $reason }。
ui-export-failed = 导出失败：{ $message }
ui-risk-plaintext = { $endpoint } 不加密：网络路径上的任何人（无线网络、网络运营商）都能读到发送的密码。选“是”只允许这一个不加密的连接方式。
ui-risk-certificate = { $endpoint } 的证书不受信任：对方可能是冒充的服务器，会窃取你的密码。选“是”只在建立 TLS 后、且证书正是这一张（SHA-256 { $fingerprint }）时才允许。
ui-progress = 已完成 { $done }/{ $total }
ui-progress-cancelled = 已取消（完成 { $done }/{ $total }）
ui-latency = { $ms } 毫秒
ui-provider-count = 共 { $count } 个服务商
ui-not-in-database = 数据库中没有 { $domain }；自动发现功能将在网上查找它的设置。
ui-looking-up = 正在查找 { $domain } 的设置…
ui-testing-host = 没有 @：“测试连接”会把 { $host } 当作邮件服务器来测试。
ui-export-title = 导出 { $account } 的设置
ui-meaning-pop3 = POP3：把邮件下载到这台设备；默认在服务器上保留副本
ui-meaning-imap = IMAP：邮件留在服务器上，文件夹和已读状态在所有设备间同步
ui-missing-address = 请先输入邮箱地址，例如 zhangsan@163.com，或在左侧列表中选择服务商。
ui-missing-domain = “{ $name }”还缺少 @ 和域名：请输入完整地址，例如 { $name }@163.com，或在左侧列表中选择服务商。
ui-missing-name = 请在 @ 前面输入你的邮箱名，例如 zhangsan@{ $domain }。
ui-missing-domain-end = @ 后面的域名还不完整，例如 { $name }@163.com。
ui-missing-invalid = 这还不是有效的邮箱地址：请看地址栏下方的说明。
ui-name-at = 输入邮箱名，自动补上 @{ $domain }
ui-lookup-failed = 无法查找 { $domain } 的设置：{ $why }
ui-nothing-found-in-time = 在 { $secs } 秒内没有找到 { $domain } 的设置。
ui-nothing-found-no-dns = 没有找到 { $domain } 的设置：无法连接 DNS 服务器。网络是否已连接？
ui-nothing-found = 没有找到 { $domain } 的设置：DNS 记录、自动配置和常用的服务器名称都没有给出设置。
ui-parent-domain-match = 根据上级域名 { $domain } 识别
ui-validity-range = { $from } 至 { $to }
ui-export-stale = 显示的结果来自之前对 { $other } 的测试：不会使用。文件使用数据库或自动查找到的设置，并在文件中注明；重新测试后才能导出经过测试的设置。
ui-results-for-other = 以下是 { $target } 的结果：请为上面的账户重新测试。
ui-could-not-test = 无法测试（{ $reason }）
ui-nothing-to-test-not-found = 没有可测试的：未找到 { $domain } 的设置。
ui-nothing-to-test-closed = 没有可测试的：{ $name }已于 { $year } 年关闭。
ui-test-could-not-start = 测试无法开始：{ $why }
ui-copy-password-warning = 这份内容包含你的密码。任何程序都能读取剪贴板，剪贴板管理器还会保存复制历史。mailconf 会在 { $secs } 秒后清空剪贴板（如果其中仍是这份内容）。
ui-copied-with-password = 已复制{ $what }（含密码）：{ $secs } 秒后清空剪贴板。
ui-copied-what = ✔ 已复制{ $what }。
ui-format-copied = “{ $title }”
ui-secure-alternatives = { $host } 在 { $ways } 上可以安全连接：无需此许可，邮件客户端也应使用它。
list-and = 、

io-no-permission-to-write = 你没有在那里写入的权限
io-no-permission-to-open = 你没有打开它的权限
io-no-such-folder = 文件夹不存在
io-read-only = 磁盘是只读的
io-disk-full = 磁盘已满
io-is-a-folder = 已有同名的文件夹
io-not-a-folder = 路径中的某一部分是文件而不是文件夹
io-bad-file-name = 系统不接受这个文件名
io-system-said = 系统报告：{ $error }

## What is wrong with a typed address (src/providers/address.rs)

address-empty = 邮箱地址为空。
address-no-at = 请输入完整的邮箱地址（包含 @）。
address-empty-local-part = @ 前面不能为空。
address-empty-domain = 请在 @ 后面输入域名。
address-local-part-too-long = @ 前面的部分长 { $bytes } 字节，最多允许 64 字节。
address-two-ats = 含有多个 @：请只输入一个地址，例如 alice@example.com。
address-bad-character-domain = 域名中含有不允许的字符：{ $found }。
address-bad-character-local-part = @ 前面的部分含有不允许的字符：{ $found }。
address-invalid-domain = { $domain } 不是有效的域名。
address-invalid-domain-because = { $domain } 不是有效的域名：{ $reason }。
domain-problem-empty = 内容为空
domain-problem-empty-label = 有一个标签是空的（连续两个点）
domain-problem-hyphen = 标签“{ $label }”以“{ $hyphen }”开头或结尾
domain-problem-character = 域名中不能有“{ $character }”（{ $code }）
domain-problem-label-too-long = 标签“{ $label }…”超过 { $limit } 个字符
domain-problem-too-long = 域名超过 { $limit } 个字符
domain-problem-label = 标签“{ $label }”不是有效的国际化域名标签
domain-problem-not-idna = 不是有效的国际化域名
char-space = 空格
char-tab = 制表符
char-control = 控制字符（{ $code }）
char-other-space = 空白字符（{ $code }）

## The words for the provider model's enums (src/providers/describe.rs)

status-active = 可用
status-needs-setup = 需要设置：请先在网页版设置中开启 POP3/IMAP/SMTP 服务
status-discontinued = 已于 { $year } 年停止服务
status-discontinued-replaced = 已于 { $year } 年停止服务；替代：{ $replacement }
security-plain = 明文
security-starttls-if-offered = STARTTLS（服务器提供时），否则明文
username-address = 完整邮箱地址
username-local-part = @ 前面的部分
username-local-part-dot-domain = @ 前面的部分加点和域名（alice.example.jp）
server-login-password = 密码登录
server-login-oauth2 = 此服务器仅支持 OAuth2 登录
server-login-none = 无需登录：服务器不用密码即可接受发出的邮件
idn-unicode = 国际化域名按原样（UTF-8）发送
idn-ascii = 该服务商要求域名使用 ASCII 形式（punycode）
auth-kind-password = 账户密码
auth-kind-app-password = 应用专用密码（不是登录密码）
auth-kind-authorization-code = 客户端授权码（不是网页登录密码）
auth-kind-oauth2-only = 仅支持 OAuth2 登录：不接受密码
auth-kind-bridge = 本地桥接程序显示的密码
quirk-imap-id-required = IMAP 客户端必须发送 ID 命令，否则会出现“{"Unsafe Login"}”错误
quirk-port25-blocked = 25 端口常被运营商封锁：请使用 465 或 587
quirk-service-off-by-default = POP3/IMAP/SMTP 默认关闭，需在网页版设置中开启
quirk-code-without-spaces = 输入授权码时不要带空格
quirk-pop3-recent-only = POP3 可能只下载近期邮件，除非在网页版设置中更改
quirk-slow-outside-china = 在中国大陆以外访问服务器可能较慢或无法连接
quirk-local-bridge = 只能通过本机上的服务商桥接程序使用

## `mailconf providers list` and `show` (src/cli/providers.rs)

providers-did-you-mean = 您是否要找：
providers-dir-none = 在这台电脑上找不到存放你自己的服务商文件的文件夹（没有设置主文件夹）。
providers-list-total = 显示 { $shown } 个服务商；数据库共覆盖 { $domains } 个域名。
origin-hand = 手工
origin-user = 用户
status-word-needs-setup = 需设置
status-word-discontinued = 已停止
show-status = 状态
show-domains = 域名
show-mx-hosts = MX 主机
show-matched = 匹配
show-username = 用户名
show-password = 密码
show-create-it-at = 获取地址：{ $url }
show-incoming = 收信服务器
show-outgoing = 发信服务器
show-setup = 设置步骤
show-good-to-know = 注意事项
show-history = 历史
show-help = 帮助
show-sources = 来源
show-entry = 条目
source-provider-docs = 服务商文档
source-general-knowledge = 公开常识
source-user-reports = 用户反馈
source-no-provider-page = 无服务商自己的页面
show-source = { $about }：{ $kind } { $url }（核对于 { $checked }）
show-source-no-url = { $about }：{ $kind }（核对于 { $checked }）
show-entry-origin = { $origin }，{ $file }
show-entry-origin-overrides = { $origin }，{ $file }（优先于 { $overrides }）
show-ispdb-license = 数据来自 Thunderbird ISPDB，采用 MPL-2.0 许可（见 providers/ispdb/LICENSE）。
list-comma = 、

## `mailconf providers audit` (src/cli/providers.rs)

audit-no-such-entry = 没有这个服务商条目：
audit-drift = 不符
audit-note = 提示
audit-unverified = 未能核实
audit-ok = 正常
audit-unreachable = 无法连接
audit-claimed = 条目所述：{ $claim }
audit-observed = 实际情况：{ $observed }
audit-col-entry = 条目
audit-col-status = 状态
audit-col-servers-ok = 正常服务器
audit-col-first-finding = 首个发现
audit-entry-as-a-whole = 整个条目
audit-entry-heading = { $id }（{ $file }）：{ $status }
audit-summary = 共 { $entries } 个条目：{ $ok } 个正常，{ $drift } 个不符，{ $unreachable } 个无法连接（{ $endpoints } 个端点，同时 { $concurrency } 个）
audit-error-runtime = 无法启动检查的网络工作。
audit-error-dns = { $option } 指定的 DNS 服务器无法使用：{ $problem }
audit-error-concurrency = { $option } { $value } 无法使用：请给出 1 到 { $max } 之间的端点数。

## What `providers audit` compares, claim by claim

audit-not-probed-per-domain = 未探测：{ $host } 取决于用户的域名，而该条目未列出域名
audit-not-probed-nothing = 未探测：检查该条目时没有可探测的内容
audit-probe-lost = 对该端点的探测没有完成
audit-claim-answers = { $protocol } 在端口 { $port } 上有响应
audit-claim-tls = 从第一个字节起使用 TLS（隐式 TLS）
audit-claim-starttls = 提供并完成 STARTTLS
audit-claim-plain = 明文（旧方式）
audit-not-as-claimed = 未能按所述方式连接：{ $summary }
audit-does-not-resolve = 主机名无法解析：{ $summary }
audit-refused = 连接被拒绝：端口已关闭
audit-no-answer = { $secs } 秒内无响应：可能被本地网络过滤，或服务器已关闭
audit-server-answers = 服务器有响应
audit-no-greeting = 连接已建立，但没有收到 { $protocol } 问候：{ $summary }
audit-claim-imap-id = 需要 IMAP ID（RFC 2971）
audit-announces-id = 服务器声明支持 ID
audit-does-not-announce-id = 服务器未声明支持 ID
audit-tls-failed = TLS 握手失败（{ $kind }）：{ $summary }
audit-starttls-then-tls-failed = 接受了 STARTTLS，但随后 TLS 握手失败：{ $summary }
audit-starttls-refused = STARTTLS 被拒绝：{ $reply }
audit-starttls-here-too = 此端口也提供 STARTTLS：该行可改为 {"starttls"}
audit-answers-in-plaintext = 不加密即有响应
audit-claim-certificate = 对 { $host } 有效的证书
audit-certificate-valid = 对 { $host } 有效
audit-certificate-valid-days = 对 { $host } 有效，还剩 { $days } 天
audit-certificate-other-names = 证书不包含 { $host }；证书上的名称为 { $names }
audit-certificate-not-trusted = 证书不受信任（{ $kind }）：{ $why }
audit-claim-days-left = 证书有效期还剩 { $days } 天以上
audit-expires-in = { $days } 天后过期（{ $date }）
audit-offered = 已提供：{ $mechanisms }
audit-offered-none = 不提供任何登录方式
audit-claim-password-login = 密码登录
audit-no-capa = 服务器不支持 {"CAPA"}：无法读取登录方式
audit-no-password-login = 不提供密码登录（{ $offered }）
audit-claim-oauth2 = OAuth2 登录（{"XOAUTH2"} 或 {"OAUTHBEARER"}）
audit-claim-no-login = 无需登录
audit-claim-legacy-noted = 明文行已标注为旧方式
audit-no-legacy-note = 该行没有说明它是不安全的旧方式
audit-claim-recommended-listed = 检查推荐的 { $protocol } 端点已列出
audit-recommends = 检查推荐 { $endpoint }
audit-recommends-unlisted = 检查推荐 { $endpoint }，但该条目未列出它
audit-at-endpoint = { $endpoint }：{ $what }
audit-no-server-listed = 该条目没有列出服务器
audit-no-server-answered = 没有服务器响应；{ $why }

## Checking existing settings: more of the window and of `mailconf check`

existing-testing = 正在测试 { $host }:{ $port }…
existing-no-account = 文件中没有找到邮件账户。
existing-account = { $name } — { $protocol }（第 { $line } 行）
existing-not-used = 该程序未使用此项：未检查。
existing-network-says = 现在的网络测试结果
existing-lines-not-read-count = 未读取的行（{ $count }）
existing-note = 第 { $line } 行：{ $excerpt } — { $note }
existing-note-file = 整个文件：{ $note }
existing-run-with-fix = 加上 {"--fix"} 再运行一次即可写出修正后的文件（只改动错误的设置）。
existing-nothing-to-change = 文件无需修改。
existing-changes = 修改：
existing-not-written = 未写入：{ $error }
fix-no-such-account = 文件中没有第 { $number } 个账户。
fix-invalid = 修正后的{ $field }无效：{ $value }。
fix-unrepresentable = { $format } 无法表达修正后的{ $field }，因此 mailconf 没有修改文件。
fix-unsupported = mailconf 无法安全地编辑这个文件，因此保持原样。
fix-signed-profile = 这个描述文件带有签名，修改会使签名失效；mailconf 无法重新签名，因此保持原样。请用 { $command } 生成新的描述文件；如果设备要求签名，请自行签名。
fix-binary-profile = 这个描述文件是二进制属性列表，mailconf 无法直接编辑，因此保持原样。请用 { $command } 生成新的描述文件。
fix-shared = 这项修改也会改变共用此设置的 { $account }（第 { $line } 行），因此 mailconf 保持原样。请一起修正这两个账户。
fix-profile-in-use = Thunderbird 正在使用这个配置文件夹（{ $profile }）：请先关闭 Thunderbird，然后再试。
fix-internal = 无法生成修正后的文件；这是 mailconf 的错误，请报告。
fix-cannot-read = 无法读取 { $path }。
existing-fragment-written = Thunderbird 设置片段已写入 { $path }
existing-fixed-written = 修正后的文件已写入 { $path }
existing-login-not-tested = { $who }：未测试登录：{ $error }
ui-existing-entry = 检查我现有的设置…
ui-existing-title = 检查我现有的设置
ui-existing-intro = 读取你的邮件程序现有的设置（fetchmail、msmtp、mutt、getmail、Thunderbird、Apple 描述文件、mailconf JSON、autoconfig），立即测试，并写出修正后的副本。Outlook 和 Foxmail 的设置保存在注册表或二进制文件中：请在主窗口输入邮箱地址。
ui-existing-file-label = 配置文件或 Thunderbird 配置文件夹
ui-existing-check = 检查
ui-existing-also-login = 同时测试登录：用文件中的密码，或由你输入（绝不通过未加密的连接发送）
ui-existing-test-login = 测试登录
ui-existing-skip-login = 不测试登录，继续检查
existing-password-wanted = 文件中没有 { $who } 的密码。输入后即可测试登录：它只用于这次测试，不会保存。
existing-waiting-password = 正在等待 { $who } 的密码…
existing-use-earlier-password = 使用刚才为 { $host } 输入的密码
ui-existing-profiles-found = 找到的 Thunderbird 配置文件夹：
ui-existing-testing = 正在测试…
ui-existing-no-backend = 连接测试不可用。
ui-existing-fixed-changes = 修正后的文件将修改：
ui-existing-save-fixed = 保存修正后的文件…
ui-existing-stopped-for-test = 已停止：主窗口开始了连接测试。按“检查”可重新测试这些设置。

## What a checked account's verdict means (src/check/existing.rs, `explain`)

verdict-works = 正常
verdict-insecure = 可用但不安全
verdict-insecure-login-refused = 不安全，且无法登录
verdict-broken = 无法使用
verdict-discontinued = 服务已停止
existing-the-server = 服务器
existing-works = { $was } 可以正常加密连接。
existing-works-login = { $was } 可以正常加密连接，登录也成功。
existing-discontinued = { $provider }已于 { $year } 年停止这项服务，无法修复。请改用其他邮箱服务。
existing-insecure-login-refused = { $provider }已不再接受通过明文 { $was } 登录，你的客户端这样无法登录，而且会把密码以明文发送
existing-insecure-plaintext = 你的配置通过 { $was } 不加密连接：途中任何人都能读到你的密码和邮件
existing-insecure-untrusted = { $was } 可以连接，但证书不受信任：可能有人在中间拦截
existing-insecure-starttls-optional = 你的配置在 { $was } 上仅在服务器提供时才使用 STARTTLS：中间人可以关闭加密
existing-insecure-unchecked = 你的配置不检查 { $was } 的证书：中间人可能读到你的密码
existing-broken-invalid-host = 配置中的服务器名称（{ $host }）不是有效的主机名
existing-broken-host-not-found = { $was } 的服务器已不存在（域名无法解析）
existing-broken-port-closed = { $was } 拒绝连接（端口已关闭）
existing-broken-no-answer = 从这里连接 { $was } 没有响应（被屏蔽或过滤）
existing-broken-starttls-missing = { $was } 不提供你的配置所要求的 STARTTLS
existing-broken-tls-failed = 无法与 { $was } 建立加密连接
existing-broken-protocol = { $was } 的回应不像正常的 { $protocol } 服务器
existing-broken-login-refused = { $was } 拒绝了使用配置中密码的登录
existing-verdict-unknown = 无法判断
existing-unknown-dns-lookup-failed = 无法查询服务器域名 { $host }：请检查网络连接和 DNS 设置，然后再检查一次。在此之前无法判断服务器的情况。
existing-why-dns-lookup-failed = 域名查询没有得到回答（请检查网络）
advice-dns-lookup-failed = 无法查询服务器名称：DNS 服务器没有回答或出错。请确认本机已联网且 DNS 正常，然后再测试一次；这并不说明服务器有问题。
existing-todo-use = 请改用 { $endpoint }
existing-todo-use-code = 请改用 { $endpoint }，并使用授权码代替网页登录密码
existing-todo-use-app-password = 请改用 { $endpoint }，并使用应用专用密码代替账户密码
existing-todo-create-at = { $todo }（在 { $url } 创建）
existing-problem-todo = { $problem }：{ $todo }。
existing-problem = { $problem }。
existing-endpoint = { $host }:{ $port }（{ $security }）

## `mailconf export` (src/cli/export.rs)

export-unknown-provider = 数据库中没有 { $query } 这个服务商，它也不是邮箱地址：请输入完整地址（例如 alice@{ $query }）以自动查找设置
export-password-needs-file = {"--include-password"} 需要配合 {"-o"} 文件使用，以便创建仅所有者可读的文件（0600）
export-needs-query-and-format = 需要邮箱地址或服务商，以及 {"--format"}
export-no-encrypted-incoming = { $provider }没有列出加密的 POP3 或 IMAP 服务器
check-output-one-file = {"-o"} 只能指定一个修正后的文件：请只检查一个文件
export-wrote-with-password = 已写入 { $path }。文件中包含密码：仅您本人可读（权限 0600），请勿分享。
export-wrote = 已写入 { $path }。
formats-col-format = 格式
formats-col-file = 文件
formats-col-password = 可含密码
formats-col-description = 说明
yes = 是
no = 否
export-testing-servers = 正在测试服务器…
export-password-failed-everywhere = 密码在所有服务器上都无法登录：未写入文件

## Command-line usage errors

usage-error = 命令行有误{ $kind ->
        [unknown-argument] ：“{ $arg }”不是这个命令的选项。
        [unknown-command] ：“{ $arg }”不是 mailconf 的命令。
        [invalid-value] ：“{ $arg }”的值无法使用。
        [missing-argument] ：缺少必需的“{ $arg }”。
        [missing-command] ：“{ $arg }”后面缺少命令。
        [conflict] ：“{ $arg }”不能与已给出的另一个选项同时使用。
        [values] ：“{ $arg }”的值的个数不对。
       *[other] 。
    }
usage-details = 详情：{ $detail }
usage-help = 运行 { "mailconf --help" }（或 { "mailconf <命令> --help" }）查看可用的命令和选项。
usage-dns-not-for-oauth2 = {"oauth2"} 不使用 {"--dns"}（请改用 {"--resolve HOST:ADDR"}）
usage-flag-connects-nowhere = { $flag } 用于 {"probe"}、{"discover"}、{"export"}、{"check"}、{"providers audit"} 和桌面程序；这个 {"providers"} 子命令不会连接任何服务器
usage-flag-twice = { $flag } 在子命令前后各给了一次，且值不同
# Why a flag's value is refused (the value parsers: src/cli/args.rs,
# src/probe/spec.rs). The value and the syntax stay as typed.
value-not-seconds = “{ $value }”不是秒数。
value-seconds-range = “{ $value }”：秒数必须大于 0，且不超过 { $max }。
value-resolve-shape = “{ $value }”：请写成“{ $shape }”，即主机名和它的 IP 地址。
value-resolve-address = “{ $value }”：“{ $address }”不是 IP 地址。
value-resolve-host = “{ $value }”：{ $problem }
value-concurrency = “{ $value }”：请给出 1 到 { $max } 之间的端点数。
value-port-pair = “{ $value }”：请写成“{ $shape }”，例如“{ $example }”。
spec-shape-endpoint = “{ $spec }”：请写成“{ $short }”或“{ $long }”，安全方式为“{ $tls }”、“{ $starttls }”或“{ $plain }”。
spec-shape-consent = “{ $spec }”：请写成“{ $plain }”或“{ $tls }”。
spec-brackets = “{ $spec }”：方括号不成对；IPv6 地址请写成“{ $example }”。
spec-protocol = “{ $value }”不是协议：请用“{ $pop3 }”、“{ $imap }”或“{ $smtp }”。
spec-security = “{ $value }”不是安全方式：请用“{ $tls }”（隐式 TLS，有些客户端称为 SSL）、“{ $starttls }”或“{ $plain }”。
spec-port = “{ $value }”不是端口（1-65535）。
spec-host = 主机“{ $host }”无法使用：{ $problem }
spec-host-brackets = 方括号不成对。
spec-host-not-ipv6 = 方括号里不是 IPv6 地址。
spec-host-ipv6-brackets = IPv6 地址请写在方括号里，例如“{ $example }”。
spec-unknown-port = “{ $spec }”：无法从端口 { $port } 判断协议；请写成“{ $shape }”。
spec-consent-fingerprint-on-plain = “{ $spec }”：不加密的端点没有证书；请去掉“{ $part }”。
spec-consent-tls-without-fingerprint = “{ $spec }”：对 TLS 端点的同意只涵盖一张证书；请加上“{ $part }”（“{ $command }”会显示它）。不支持 STARTTLS 的 STARTTLS 端点永远不会收到密码。
spec-fingerprint = “{ $value }”不是 SHA-256 指纹（64 个十六进制数字，冒号可有可无）。

## `mailconf providers import-ispdb`

import-summary = 读取了 { $files } 个文件，向 { $dir } 写入了 { $written } 个服务商（共 { $domains } 个域名）；删除了 { $removed } 个过时的文件。
import-skipped = 注意：{ $file } 未导入：{ $why }。
import-skip-every-domain-taken = 它的每个域名都已由另一个文件提供
import-skip-id-taken = 标识“{ $id }”已被 { $first } 使用
import-mx-suffix = 注意：{ $file }：{ $suffix } 标记为 MX 主机域名，已作为 MX 后缀导入。
import-unknown-file = 注意：{ $file } 不是导入时写入的文件，保持不动。
import-duplicate-domain = 注意：域名 { $domain } 同时出现在 { $kept } 和 { $dropped } 中；保留在 { $kept }。
import-error-io = 无法读取或写入 { $path }
import-error-no-date = { $dir } 中没有带提交日期的 SOURCE.md：请用 { $option } 指定月份（例如 { $example }）。
autoconfig-too-large = 自动配置文件有 { $bytes } 字节，超过 1 MiB 的上限
autoconfig-invalid = 自动配置文件无效
autoconfig-no-servers = 自动配置文件中没有可用的 POP3、IMAP 或 SMTP 服务器

## Lookups and targets that cannot be used (src/providers/load.rs, src/check/plan.rs)

address-bad-character-host = 主机名中含有不允许的字符：{ $found }。
lookup-not-found = 数据库中没有服务 { $domain } 的服务商。
plan-invalid-host = “{ $input }”：{ $problem }
plan-unknown-id = 数据库中没有“{ $id }”这个服务商。

## Writing a file (src/output.rs)

output-exists = { $path } 已存在；如要替换，请加上 {"--force"}。
output-not-a-file = { $path } 是{ $what }，不是普通文件：mailconf 只替换普通文件（要输出到标准输出，请用 {"-o -"}）。
output-symlink = 符号链接
output-directory = 文件夹
output-fifo = 命名管道
output-device = 设备
output-socket = 套接字
output-not-regular = 其他类型的对象
file-not-regular = 它是{ $what }；只读取普通文件
file-too-large = 文件有 { $size } 字节，超过了 { $limit } 字节的上限
file-not-utf8 = 不是 UTF-8 文本
providers-too-many-files = 还有 { $more } 个服务商文件没有读取：一个文件夹最多读取 { $max } 个
output-io = 无法写入 { $path }：{ $reason }。
output-not-private = { $dir } 不在你的用户文件夹（{ $home }）内：这台电脑的其他用户可能读得到保存在那里的文件，而这个文件含有你的密码。请把它保存在你的用户文件夹中（例如“文档”）。
export-discontinued = { $provider }已于 { $year } 年停止服务，没有可以导出的设置。

## Starting the app (src/app/mod.rs)

app-no-display = 找不到显示器：请在桌面会话中运行 mailconf，或使用命令行（{"mailconf --help"}）。
app-cannot-open-window = 无法在这里打开窗口；命令行不需要窗口（{"mailconf --help"}）。
with-details = { $sentence }
    详细信息：{ $details }

## What the export formats say: their descriptions, where the file goes,
## and the notes inside the files (src/export/)

export-thunderbird-description = Thunderbird 自动配置文件（{"config-v1.1.xml"}，ISPDB 格式）
export-thunderbird-destination = 保存为 Thunderbird 程序目录下的 {"isp/<"}域名{">.xml"}（例如放在 {"/usr/lib/thunderbird/isp/"} 中），或放在 {"https://autoconfig.<"}域名{">/mail/config-v1.1.xml"} 提供下载；然后在 Thunderbird 中只需输入姓名、邮箱地址和密码即可添加账户。
export-autodiscover-description = Outlook 自动发现（Autodiscover）响应（POX XML），供管理员使用
export-autodiscover-destination = 供管理员使用：作为该用户对 {"POST https://autodiscover.<"}域名{">/autodiscover/autodiscover.xml"} 的响应（或作为模板）。普通用户请用“Outlook（设置步骤）”格式手动设置。
export-autodiscover-manual-setup-steps-mailconf = 手动设置步骤：{"mailconf export <"}邮箱地址{"> --format outlook"}
export-outlook-steps-description = Outlook 手动设置步骤（Markdown）
export-outlook-steps-destination = 阅读或发给用户，然后在 Outlook 中按步骤操作。
export-outlook-steps-under-more-settings-advanced = 在 **其他设置 → 高级 → 传递** 中勾选 **在服务器上保留邮件的副本**，并取消勾选 **…天后从服务器删除**。
export-outlook-steps-under-more-settings-advanced-2 = 在 **其他设置 → 高级 → 传递** 中取消勾选 **在服务器上保留邮件的副本**（下载后从服务器删除）。
export-outlook-steps-click-next-outlook-tests = 点击 **下一步**：Outlook 会测试设置并发送一封测试邮件。
export-outlook-steps-before-you-start = 开始之前
export-fetchmail-description = fetchmail 配置文件（{".fetchmailrc"}）
export-fetchmail-destination = 保存为 {"~/.fetchmailrc"}（仅所有者可读写，权限 0600，否则 fetchmail 拒绝使用），然后运行 “{"fetchmail -v"}”。
export-fetchmail-fetchmail-hands-mail-to = fetchmail 默认把邮件交给本机邮件系统（localhost 的 SMTP）；如需其他投递方式，可在 {"user"} 行后加入例如 {"mda \"/usr/bin/procmail -d %T\""}。
export-fetchmail-no-password-stored-fetchmail = 未保存密码：fetchmail 会提示输入（或读取 {"~/.netrc"}）。
export-getmail-description = getmail6 配置文件（getmailrc）
export-getmail-destination = 保存为 {"~/.config/getmail/getmailrc"}（或 {"~/.getmail/getmailrc"}），用 “{"mkdir -p ~/Maildir/{cur,new,tmp}"}” 创建邮件目录，然后运行 “{"getmail"}”。
export-getmail-no-password-stored-getmail = 未保存密码：getmail 会提示输入。也可以从密码管理器读取：
export-getmail-getmail-checks-the-server = 只有设置了 {"ca_certs"}，getmail 才会校验服务器证书（macOS：{"/etc/ssl/cert.pem"}）。
export-json-description = mailconf JSON：全部设置及验证结果
export-json-destination = 供脚本和其他工具使用；每个字段的说明见 mailconf 的文档（{"export-json.md"}）。
export-apple-description = Apple 描述文件（{".mobileconfig"}），用于 macOS、iPhone 和 iPad 的“邮件”
export-apple-destination = 在 Mac 上打开此文件（系统设置 → 隐私与安全性 → 描述文件），或发送到 {"iPhone/iPad"}（设置 → 已下载描述文件 → 安装）。描述文件未签名，系统会显示“未验证”；按提示输入密码。
export-msmtp-description = msmtp 发信配置文件（msmtprc）
export-msmtp-destination = 保存为 {"~/.msmtprc"} 或 {"~/.config/msmtp/config"}（含密码时权限须为 0600）；用 “{"msmtp --pretend"}” 检查，用 “{"msmtp 收件人@example.com < 邮件"}” 发送。
export-msmtp-no-password-stored-keep = 未保存密码。可存入系统密钥环（{"secret-tool store --label=msmtp host"} 主机 {"service smtp user"} 用户名），msmtp 会自动读取；或用 {"passwordeval"} 读取：
export-mutt-description = {"mutt / neomutt"} 配置文件（muttrc）
export-mutt-destination = 保存为 {"~/.muttrc"}（mutt）或 {"~/.config/neomutt/neomuttrc"}（neomutt），或在其中用 “{"source"}” 引入。
export-mutt-no-password-stored-mutt = 未保存密码：mutt 连接时会提示输入。
export-summary-ssl-tls-encrypted-from = SSL/TLS（连接即加密）
export-summary-starttls-required = STARTTLS（必须启用）
export-summary-none = 无
export-summary-outgoing-mail = 发送邮件
export-summary-incoming-mail = 接收邮件
export-summary-your-domain = <你的域名>
export-summary-server = 服务器
export-summary-port = 端口
export-summary-encryption = 加密
export-summary-username = 用户名
export-summary-password = 密码
export-summary-leave-mail-on-server = 在服务器上保留邮件
export-summary-yes-download-without-deleting = 是（只下载，不删除）
export-summary-no-deleted-from-the = 否（下载后从服务器删除）
export-summary-description = 便于阅读的摘要（Markdown），可贴到工单中
export-summary-destination = 贴到工单或邮件中；其中不含密码。
export-summary-mail-settings = 邮件设置
export-summary-provider = 服务商
export-summary-address = 邮箱地址
export-summary-name = 姓名
export-summary-before-you-start = 开始之前
export-summary-where-to-get-the = 获取密码或授权码的地方
export-summary-good-to-know = 注意事项

# The formats by name, for the app's Export window (src/export/mod.rs).
format-title-thunderbird = Thunderbird（自动配置）
format-title-apple = Apple 邮件、iPhone 和 iPad（.mobileconfig）
format-title-autodiscover = Outlook 自动发现（供管理员使用）
format-title-outlook = Outlook（设置步骤）
format-title-fetchmail = fetchmail
format-title-getmail = getmail6
format-title-msmtp = msmtp
format-title-mutt = mutt / neomutt
format-title-json = JSON（全部设置，供脚本使用）
format-title-summary = 摘要（阅读或发送）

## More of what exported files say

export-thunderbird-destination-for = 保存为 Thunderbird 程序目录下的 {"isp/"}{ $domain }{".xml"}（例如 {"/usr/lib/thunderbird/isp/"}{ $domain }{".xml"}），或放在 {"https://autoconfig."}{ $domain }{"/mail/config-v1.1.xml"} 提供下载；然后在 Thunderbird 中只需输入姓名、邮箱地址和密码即可添加账户。
export-autodiscover-destination-for = 供管理员使用：作为该用户对 {"POST https://autodiscover."}{ $domain }{"/autodiscover/autodiscover.xml"} 的响应（或作为模板）。普通用户请用“Outlook（设置步骤）”格式手动设置。
export-mutt-imap-id = { $provider } 要求 IMAP 客户端发送 ID 命令（RFC 2971）：{"NeoMutt 2023-04-07"} 及更新版本会按下面这一行发送。更早的 {"NeoMutt"} 和原版 {"Mutt"} 无法发送（打开邮箱时出现“{"Unsafe Login"}”错误）：请改用 POP3（{ $command }）。

## The Outlook setup steps

outlook-title = 在 Outlook 中设置 { $who }（{ $kind }）
outlook-step-add-account = 经典版 Outlook：**文件 → 添加帐户**。新版 Outlook：**设置 → 帐户 → 添加帐户**。
outlook-step-manual = 输入 { $address }，展开 **高级选项**，勾选 **让我手动设置我的帐户**，然后选择 **{ $kind }**。
outlook-step-incoming = 接收邮件：服务器 { $host }，端口 { $port }，加密方法 **{ $encryption }**。
outlook-step-outgoing = 发送邮件：服务器 { $host }，端口 { $port }，加密方法 **{ $encryption }**。
outlook-step-no-spa = 不要勾选 **要求使用安全密码验证{"(SPA)"}进行登录**。
outlook-step-login = 用户名 { $username }；密码：{ $password }。
outlook-step-smtp-same-login = 在 **其他设置 → 发送服务器** 中勾选 **我的发送服务器{"(SMTP)"}要求验证** 和 **使用与接收邮件服务器相同的设置**。
outlook-step-smtp-login = 在 **其他设置 → 发送服务器** 中勾选 **我的发送服务器{"(SMTP)"}要求验证**，并用用户名 { $username } 登录。

## The diagnostic report for a helpdesk (src/app/report.rs)

report-title = mailconf { $version } 诊断报告，{ $when }
report-system = 系统：{ $os } { $arch }
report-not-tested = 尚未测试 { $account }。
report-target = 测试对象：{ $target }
report-username = 用户名：{ $username }
report-provider = 服务商：{ $name }（{ $id }）
report-could-not-run = 测试无法运行：{ $error }
report-pending = 未完成
report-cancelled = 已取消
report-result = { $verdict }（{ $ms } 毫秒）：{ $summary }
report-result-login = { $result }；登录：{ $login }
report-recommended = 推荐的设置：
report-none = { $protocol }：无
