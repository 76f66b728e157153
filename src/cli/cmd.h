/*
 * cmd.h: the commands, one file per family (cmd_*.c), each a function
 * of struct cli_args that returns the exit code.  cli_main.c lists them
 * in its one table; the command files include this header only for
 * their own prototypes, so the table is the only place that knows them
 * all and no command depends on it.
 */
#ifndef FG_CLI_CMD_H
#define FG_CLI_CMD_H

#include "cli/cli.h"

/* cmd_app.c */
int	cmd_app_add(struct cli_args *);
int	cmd_app_reset(struct cli_args *);
int	cmd_app_list(struct cli_args *);
int	cmd_app_set(struct cli_args *);
int	cmd_topic_add(struct cli_args *);
/* cmd_clawbot.c */
int	cmd_clawbot_show(struct cli_args *);
int	cmd_clawbot_unbind(struct cli_args *);
/* cmd_chan.c */
int	cmd_chan_add(struct cli_args *);
int	cmd_chan_list(struct cli_args *);
int	cmd_chan_show(struct cli_args *);
int	cmd_chan_delete(struct cli_args *);
int	cmd_user_email(struct cli_args *);
int	cmd_user_phone(struct cli_args *);
/* cmd_follow.c */
int	cmd_follow(struct cli_args *);
int	cmd_product_add(struct cli_args *);
int	cmd_pay_grant(struct cli_args *);
int	cmd_user_spt(struct cli_args *);
/* cmd_blacklist.c */
int	cmd_group_blacklist(struct cli_args *);
int	cmd_group_unblacklist(struct cli_args *);
int	cmd_friend_blacklist(struct cli_args *);
int	cmd_friend_unblacklist(struct cli_args *);
/* cmd_friend.c */
int	cmd_friend_add(struct cli_args *);
/* cmd_group.c */
int	cmd_group_add(struct cli_args *);
int	cmd_group_join(struct cli_args *);
int	cmd_group_delete(struct cli_args *);
/* cmd_message.c */
int	cmd_message_list(struct cli_args *);
int	cmd_message_show(struct cli_args *);
/* cmd_delivery.c */
int cmd_delivery_failed(struct cli_args *);
int cmd_delivery_retry(struct cli_args *);
int cmd_status(struct cli_args *);
/* cmd_openapi.c */
int	cmd_user_openapi(struct cli_args *);
/* cmd_serve.c */
int	cmd_serve(struct cli_args *);
int	cmd_check_config(struct cli_args *);
/* cmd_admin.c */
int	cmd_backup(struct cli_args *);
int	cmd_user_show(struct cli_args *);
int cmd_device_test_push(struct cli_args *);
/* cmd_wechat.c */
int	cmd_wechat_bind(struct cli_args *);
int	cmd_wechat_status(struct cli_args *);
/* cmd_wxlist.c */
int	cmd_app_show(struct cli_args *);
int	cmd_wx_list(struct cli_args *);
int	cmd_wx_show(struct cli_args *);
int	cmd_follow_delete(struct cli_args *);
int	cmd_wx_edit(struct cli_args *);
/* cmd_token.c */
int	cmd_token_add(struct cli_args *);
int	cmd_token_list(struct cli_args *);
int	cmd_token_show(struct cli_args *);
int	cmd_token_edit(struct cli_args *);
/* cmd_people.c */
int	cmd_group_list(struct cli_args *);
int	cmd_group_show(struct cli_args *);
int	cmd_group_edit(struct cli_args *);
int	cmd_group_member(struct cli_args *);
int	cmd_friend_list(struct cli_args *);
int	cmd_friend_edit(struct cli_args *);
int	cmd_user_disable(struct cli_args *);
int	cmd_user_limits(struct cli_args *);
int	cmd_init(struct cli_args *);
int	cmd_version(struct cli_args *);
const char	*cli_version(void);
/* cmd_user.c */
int	cmd_user_add(struct cli_args *);
int	cmd_user_list(struct cli_args *);
int	cmd_user_callback(struct cli_args *);
int	cmd_user_reset_token(struct cli_args *);
/* cmd_login.c */
int	cmd_user_login_link(struct cli_args *);
int	cmd_user_password(struct cli_args *);

#endif
