# integrity against the sizes of its disks (declared here, as CI would). Each case reuses the
# same disks, so their sharing is not the point here.
# verify-args: --no-warn shared-sectors
# A fresh metadata device holds the superblock, one journal section at least and the tags of
# every block of the data device: 8 GiB of 512-byte blocks with 32-byte tags take 512 MiB.
disk /dev/sdg size=8G
disk /dev/sdh size=256M
disk /dev/sdi size=600M

device meta_small
0 1G integrity /dev/sdg 0 32 J 1 meta_device:/dev/sdh   # expected-error {{integrity: Could not initialize superblock: /dev/sdh has 524288 sectors; this needs start=0, len=1048672}}

device meta_enough
0 8G integrity /dev/sdg 0 32 J 1 meta_device:/dev/sdi

# Without a metadata device the tags and journal come out of the data device.
device inline_tags
0 8G integrity /dev/sdg 0 32 J 0   # expected-error {{integrity: Not enough provided sectors for requested mapping size}}
