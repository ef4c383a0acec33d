# Mozilla User Preferences
user_pref("mail.accountmanager.accounts", "account1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.server.server1.hostname", "pop.sina.com.cn");
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.userName", "wang_2009");
