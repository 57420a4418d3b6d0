// SPDX-License-Identifier: GPL-2.0
/*
 * One dmfs device: the configfs directory /sys/kernel/config/dmfs/NAME, its attributes and
 * its life cycle (empty -> image written: inactive table -> active: a block device
 * /dev/dmfs/NAME -> a new image and active=1 again: tables swapped once the old one's I/O
 * has drained -> active=0: unbound). While bound the directory is pinned with
 * configfs_depend_item, so rmdir gives EBUSY; active=0 gives EBUSY while the disk is open.
 */
#include <linux/blkdev.h>
#include <linux/ctype.h>
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "dmfs.h"
#include "dmfs_compat.h"

static DEFINE_IDA(dmfs_minors);

static struct dmfs_device *to_dmfs(struct config_item *item)
{
	return container_of(item, struct dmfs_device, item);
}

/* The table the read-only attributes describe: the live one, else the inactive one. */
static struct dmfs_table *shown_table(struct dmfs_device *dev)
{
	struct dmfs_table *live = rcu_dereference_protected(dev->live, lockdep_is_held(&dev->lock));

	return live ? live : dev->inactive;
}

/*
 * A device number cannot change under its openers: while bound, an image asking for another
 * minor is refused (device-mapper too takes minor= only when it creates a device).
 */
static bool minor_fits_live_disk(struct dmfs_device *dev, struct dmfs_table *table)
{
	size_t used;

	if (!dev->disk || table->minor < 0 || table->minor == dev->minor)
		return true;
	used = dmfs_table_header_place(table, dev->error, sizeof(dev->error));
	scnprintf(dev->error + used, sizeof(dev->error) - used,
		  "minor %d differs from the live device's %d:%d; write 0 to active first", table->minor,
		  dev->disk->major, dev->minor);
	return false;
}

/* The header's minor= if it asks for one (EBUSY, said in `error`, when taken), else any free one. */
static int alloc_minor(struct dmfs_device *dev, struct dmfs_table *table)
{
	size_t used;
	int minor;

	if (table->minor < 0)
		return ida_alloc_max(&dmfs_minors, MINORMASK, GFP_KERNEL);
	minor = ida_alloc_range(&dmfs_minors, table->minor, table->minor, GFP_KERNEL);
	if (minor != -ENOSPC)
		return minor;
	used = dmfs_table_header_place(table, dev->error, sizeof(dev->error));
	scnprintf(dev->error + used, sizeof(dev->error) - used,
		  "minor %d is taken: another dmfs device is %d:%d", table->minor, dmfs_major, table->minor);
	return -EBUSY;
}

static ssize_t dmfs_image_write(struct config_item *item, const void *bytes, size_t size)
{
	struct dmfs_device *dev = to_dmfs(item);
	struct dmfs_table *table;

	mutex_lock(&dev->lock);
	table = dmfs_table_create(bytes, size, dev->name, dev->disk, dev->error, sizeof(dev->error));
	if (!IS_ERR(table) && !minor_fits_live_disk(dev, table)) {
		dmfs_table_destroy(table);
		table = ERR_PTR(-EINVAL);
	}
	/* A refused image also drops the previous inactive one: activation must not pick that up. */
	dmfs_table_destroy(dev->inactive);
	dev->inactive = NULL;
	dev->last_refused = IS_ERR(table);
	if (!IS_ERR(table))
		dev->inactive = table;
	mutex_unlock(&dev->lock);
	/* configfs of 6.1 ignores this value at close(); the verdict is in `error`. */
	return IS_ERR(table) ? PTR_ERR(table) : size;
}

static int bind_disk(struct dmfs_device *dev)
{
	struct dmfs_table *table = dev->inactive;
	struct gendisk *disk;
	int ret;

	ret = configfs_depend_item_unlocked(&dmfs_subsys, &dev->item);
	if (ret)
		return ret;
	dev->minor = alloc_minor(dev, table);
	if (dev->minor < 0) {
		ret = dev->minor;
		goto undepend;
	}
	ret = -ENOMEM;
	disk = dmfs_alloc_disk(&table->limits);
	if (!disk)
		goto free_minor;
	disk->major = dmfs_major;
	disk->first_minor = dev->minor;
	disk->minors = 1;
	disk->flags |= GENHD_FL_NO_PART;
	disk->fops = &dmfs_fops;
	disk->private_data = dev;
	/* '!' becomes '/' in the device node name: /dev/dmfs/NAME. */
	snprintf(disk->disk_name, DISK_NAME_LEN, "dmfs!%s", dev->name);
	dmfs_disk_enable_flush(disk);
	set_capacity(disk, table->sectors);
	set_disk_ro(disk, table->read_only);
	rcu_assign_pointer(dev->live, table);
	dev->inactive = NULL;
	dev->disk = disk;
	ret = add_disk(disk);
	if (ret) {
		dev->inactive = table;
		RCU_INIT_POINTER(dev->live, NULL);
		dev->disk = NULL;
		put_disk(disk);
		goto free_minor;
	}
	dev->depended = true;
	/* The disk may outlive the binding (an opener that closes late); dmfs_free_disk drops this. */
	config_item_get(&dev->item);
	return 0;

free_minor:
	ida_free(&dmfs_minors, dev->minor);
undepend:
	configfs_undepend_item(&dev->item);
	return ret;
}

static void wait_drained(struct dmfs_table *table)
{
	wait_event(table->drained, atomic_read(&table->inflight) == 0);
}

/* New I/O takes the new table; the old one is freed once the I/O it mapped has completed. */
static void swap_tables(struct dmfs_device *dev)
{
	struct dmfs_table *old = rcu_dereference_protected(dev->live, lockdep_is_held(&dev->lock));
	struct dmfs_table *table = dev->inactive;

	rcu_assign_pointer(dev->live, table);
	dev->inactive = NULL;
	synchronize_srcu(&dev->srcu);
	wait_drained(old);
	dmfs_set_limits(dev->disk, &table->limits);
	set_disk_ro(dev->disk, table->read_only);
	set_capacity_and_notify(dev->disk, table->sectors);
	dmfs_table_destroy(old);
}

/* The live table becomes the inactive one again unless a newer image is waiting. */
static void unbind_disk(struct dmfs_device *dev)
{
	struct dmfs_table *old = rcu_dereference_protected(dev->live, lockdep_is_held(&dev->lock));

	del_gendisk(dev->disk);
	RCU_INIT_POINTER(dev->live, NULL);
	synchronize_srcu(&dev->srcu);
	wait_drained(old);
	put_disk(dev->disk);
	dev->disk = NULL;
	ida_free(&dmfs_minors, dev->minor);
	if (dev->inactive || dev->last_refused)
		dmfs_table_destroy(old);
	else
		dev->inactive = old;
	if (dev->depended) {
		configfs_undepend_item(&dev->item);
		dev->depended = false;
	}
}

static ssize_t dmfs_active_store(struct config_item *item, const char *page, size_t count)
{
	struct dmfs_device *dev = to_dmfs(item);
	bool active;
	int ret = 0;

	if (kstrtobool(page, &active))
		return -EINVAL;
	mutex_lock(&dev->lock);
	if (!active) {
		if (dev->disk && atomic_read(&dev->open_count) > 0)
			ret = -EBUSY;
		else if (dev->disk)
			unbind_disk(dev);
	} else if (dev->last_refused) {
		ret = -EINVAL; /* `error` says why the last image was refused */
	} else if (!dev->inactive) {
		if (!dev->disk) {
			scnprintf(dev->error, sizeof(dev->error), "no image has been written");
			ret = -ENODATA;
		}
	} else if (!dev->disk) {
		dev->error[0] = '\0';
		ret = bind_disk(dev);
		if (ret && !dev->error[0])
			scnprintf(dev->error, sizeof(dev->error), "cannot create the block device (error %d)", ret);
	} else {
		swap_tables(dev);
	}
	mutex_unlock(&dev->lock);
	return ret ? ret : count;
}

/* Drops a waiting inactive table (and a refusal), as device-mapper's table clear does. */
static ssize_t dmfs_clear_store(struct config_item *item, const char *page, size_t count)
{
	struct dmfs_device *dev = to_dmfs(item);
	bool clear;

	if (kstrtobool(page, &clear) || !clear)
		return -EINVAL;
	mutex_lock(&dev->lock);
	dmfs_table_destroy(dev->inactive);
	dev->inactive = NULL;
	dev->last_refused = false;
	dev->error[0] = '\0';
	mutex_unlock(&dev->lock);
	return count;
}

static ssize_t dmfs_active_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "%d\n", to_dmfs(item)->disk ? 1 : 0);
}

/* A binary attribute, so a table of any length reads back whole (a text one is one page). */
static ssize_t dmfs_table_read(struct config_item *item, void *buf, size_t size)
{
	struct dmfs_device *dev = to_dmfs(item);
	struct dmfs_table *table;
	ssize_t len = 0;

	mutex_lock(&dev->lock);
	table = rcu_dereference_protected(dev->live, lockdep_is_held(&dev->lock));
	if (table)
		len = dmfs_table_text(table, buf, size);
	mutex_unlock(&dev->lock);
	return len;
}

static ssize_t dmfs_status_show(struct config_item *item, char *page)
{
	struct dmfs_device *dev = to_dmfs(item);
	struct dmfs_table *live, *table;
	const char *state;
	ssize_t len;

	mutex_lock(&dev->lock);
	live = rcu_dereference_protected(dev->live, lockdep_is_held(&dev->lock));
	table = shown_table(dev);
	state = live ? (dev->inactive ? "active, new image waiting" : "active")
		     : (dev->inactive ? "inactive" : (dev->last_refused ? "refused" : "empty"));
	len = sysfs_emit(page,
			 "state: %s\nsectors: %llu\ntargets: %llu\ndevices: %u\nopen: %d\n"
			 "reads: %lld\nread_sectors: %lld\nwrites: %lld\nwrite_sectors: %lld\nother: %lld\n",
			 state, table ? table->sectors : 0, table ? table->target_count : 0,
			 table ? table->dev_count : 0, atomic_read(&dev->open_count), atomic64_read(&dev->reads),
			 atomic64_read(&dev->read_sectors), atomic64_read(&dev->writes),
			 atomic64_read(&dev->write_sectors), atomic64_read(&dev->other));
	mutex_unlock(&dev->lock);
	return len;
}

static ssize_t dmfs_dev_show(struct config_item *item, char *page)
{
	struct dmfs_device *dev = to_dmfs(item);
	ssize_t len = 0;

	mutex_lock(&dev->lock);
	if (dev->disk)
		len = sysfs_emit(page, "%d:%d\n", dev->disk->major, dev->disk->first_minor);
	mutex_unlock(&dev->lock);
	return len;
}

static ssize_t dmfs_error_show(struct config_item *item, char *page)
{
	struct dmfs_device *dev = to_dmfs(item);
	ssize_t len = 0;

	mutex_lock(&dev->lock);
	if (dev->error[0])
		len = sysfs_emit(page, "%s\n", dev->error);
	mutex_unlock(&dev->lock);
	return len;
}

static ssize_t dmfs_ro_show(struct config_item *item, char *page)
{
	struct dmfs_device *dev = to_dmfs(item);
	struct dmfs_table *table;
	ssize_t len;

	mutex_lock(&dev->lock);
	table = shown_table(dev);
	len = sysfs_emit(page, "%d\n", table && table->read_only ? 1 : 0);
	mutex_unlock(&dev->lock);
	return len;
}

static ssize_t dmfs_uuid_show(struct config_item *item, char *page)
{
	struct dmfs_device *dev = to_dmfs(item);
	struct dmfs_table *table;
	ssize_t len = 0;

	mutex_lock(&dev->lock);
	table = shown_table(dev);
	if (table && table->device->uuid.size)
		len = sysfs_emit(page, "%s\n", dmfs_image_string(&table->image, &table->device->uuid));
	mutex_unlock(&dev->lock);
	return len;
}

CONFIGFS_BIN_ATTR_WO(dmfs_, image, NULL, DMFS_MAX_IMAGE_SIZE);
CONFIGFS_ATTR(dmfs_, active);
CONFIGFS_ATTR_WO(dmfs_, clear);
CONFIGFS_BIN_ATTR_RO(dmfs_, table, NULL, DMFS_MAX_IMAGE_SIZE);
CONFIGFS_ATTR_RO(dmfs_, status);
CONFIGFS_ATTR_RO(dmfs_, dev);
CONFIGFS_ATTR_RO(dmfs_, error);
CONFIGFS_ATTR_RO(dmfs_, ro);
CONFIGFS_ATTR_RO(dmfs_, uuid);

static struct configfs_attribute *dmfs_attrs[] = {
	&dmfs_attr_active, &dmfs_attr_clear, &dmfs_attr_status, &dmfs_attr_dev,
	&dmfs_attr_error,  &dmfs_attr_ro,    &dmfs_attr_uuid,  NULL,
};

static struct configfs_bin_attribute *dmfs_bin_attrs[] = {
	&dmfs_attr_image,
	&dmfs_attr_table,
	NULL,
};

/* Last reference gone: the directory was removed (never while bound, see bind_disk). */
static void dmfs_device_release(struct config_item *item)
{
	struct dmfs_device *dev = to_dmfs(item);

	mutex_lock(&dev->lock);
	if (dev->disk)
		unbind_disk(dev);
	dmfs_table_destroy(dev->inactive);
	mutex_unlock(&dev->lock);
	bioset_exit(&dev->split_bs);
	bioset_exit(&dev->front_bs);
	cleanup_srcu_struct(&dev->srcu);
	kfree(dev);
}

static struct configfs_item_operations dmfs_device_ops = {
	.release = dmfs_device_release,
};

const struct config_item_type dmfs_device_type = {
	.ct_item_ops = &dmfs_device_ops,
	.ct_attrs = dmfs_attrs,
	.ct_bin_attrs = dmfs_bin_attrs,
	.ct_owner = THIS_MODULE,
};

/* Names become /dev/dmfs/NAME: keep them short and free of path and shell surprises. */
static bool valid_name(const char *name)
{
	size_t len = strlen(name);
	const char *p;

	if (len == 0 || len > DMFS_NAME_MAX || name[0] == '.' || name[0] == '-')
		return false;
	for (p = name; *p; p++)
		if (!isalnum(*p) && *p != '.' && *p != '_' && *p != '-' && *p != '+')
			return false;
	return true;
}

struct config_item *dmfs_device_make(struct config_group *group, const char *name)
{
	struct dmfs_device *dev;
	int ret;

	if (!valid_name(name))
		return ERR_PTR(-EINVAL);
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	strscpy(dev->name, name, sizeof(dev->name));
	mutex_init(&dev->lock);
	ret = init_srcu_struct(&dev->srcu);
	if (ret)
		goto free;
	ret = bioset_init(&dev->front_bs, BIO_POOL_SIZE, offsetof(struct dmfs_io, front), 0);
	if (ret)
		goto srcu;
	/*
	 * Several splits come from this pool within one submit_bio: the rescuer keeps that
	 * from deadlocking under memory pressure.
	 */
	ret = bioset_init(&dev->split_bs, BIO_POOL_SIZE, 0, BIOSET_NEED_RESCUER);
	if (ret)
		goto front;
	config_item_init_type_name(&dev->item, name, &dmfs_device_type);
	return &dev->item;

front:
	bioset_exit(&dev->front_bs);
srcu:
	cleanup_srcu_struct(&dev->srcu);
free:
	kfree(dev);
	return ERR_PTR(ret);
}

void dmfs_minors_destroy(void)
{
	ida_destroy(&dmfs_minors);
}
