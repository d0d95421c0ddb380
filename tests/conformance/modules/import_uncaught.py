print("before import")
import nonexistent_module_xyz
print("after import")
