// SPDX-License-Identifier: GPL-2.0
/*
 * dmfs module entry: the block major, the I/O workqueue and the configfs subsystem
 * /sys/kernel/config/dmfs, where mkdir makes a device object (dmfs_device.c). configfs
 * holds a reference on this module for every directory, so the module cannot be unloaded
 * while any device exists.
 */
#include <linux/blkdev.h>
#include <linux/configfs.h>
#include <linux/module.h>

#include "dmfs.h"

int dmfs_major;

static struct configfs_group_operations dmfs_group_ops = {
	.make_item = dmfs_device_make,
};

static const struct config_item_type dmfs_root_type = {
	.ct_group_ops = &dmfs_group_ops,
	.ct_owner = THIS_MODULE,
};

struct configfs_subsystem dmfs_subsys = {
	.su_group = {
		.cg_item = {
			.ci_namebuf = "dmfs",
			.ci_type = &dmfs_root_type,
		},
	},
};

static int __init dmfs_init(void)
{
	int ret = dmfs_io_init();

	if (ret)
		return ret;
	dmfs_major = register_blkdev(0, "dmfs");
	if (dmfs_major < 0) {
		ret = dmfs_major;
		goto io;
	}
	config_group_init(&dmfs_subsys.su_group);
	mutex_init(&dmfs_subsys.su_mutex);
	ret = configfs_register_subsystem(&dmfs_subsys);
	if (ret)
		goto blkdev;
	return 0;

blkdev:
	unregister_blkdev(dmfs_major, "dmfs");
io:
	dmfs_io_exit();
	return ret;
}

static void __exit dmfs_exit(void)
{
	configfs_unregister_subsystem(&dmfs_subsys);
	unregister_blkdev(dmfs_major, "dmfs");
	dmfs_minors_destroy();
	dmfs_io_exit();
}

module_init(dmfs_init);
module_exit(dmfs_exit);
MODULE_DESCRIPTION("dmfs: block devices mapped from dmc images, made with mkdir in configfs");
MODULE_AUTHOR("the dmc developers");
MODULE_LICENSE("GPL");
