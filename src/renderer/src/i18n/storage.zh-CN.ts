// What a failed save says, per kind of storage failure the main side reports (ApiErrorBody.reason).
// Each names what happened, that nothing was saved, and what the user can do.
export const storageZhCN = {
  'disk-full': '磁盘已满，本次修改没有保存。请清理数据文件夹所在磁盘的空间，然后再保存。',
  'read-only': '数据文件夹所在的磁盘是只读的，本次修改没有保存。请解除只读或换一个可写的数据文件夹，然后再保存。',
  permission: '没有写入数据文件夹的权限，本次修改没有保存。请检查该文件夹的权限，然后再保存。',
  missing: '找不到数据文件夹（可能被移动、删除，或移动磁盘已拔出），本次修改没有保存。请恢复该文件夹后重新启动本应用。',
  io: '磁盘读写出错，本次修改没有保存。请检查磁盘，然后再试。',
}
export type StorageMessages = typeof storageZhCN
