"""Reads a DAG file written by `strata export airflow` without importing Airflow: its tasks
(variable -> task_id, bash_command, pool, retries) and its `a >> b` edges, as JSON on stdout."""
import ast
import json
import sys

tree = ast.parse(open(sys.argv[1]).read())
tasks, edges, dag = {}, [], {}


def literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return ast.unparse(node)


for node in ast.walk(tree):
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name):
        if node.value.func.id in ("BashOperator", "ExternalTaskSensor"):
            kwargs = {k.arg: literal(k.value) for k in node.value.keywords}
            tasks[node.targets[0].id] = {"operator": node.value.func.id, **kwargs}
    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "default_args":
        dag["default_args"] = {ast.literal_eval(k): ast.unparse(v) for k, v in zip(node.value.keys, node.value.values)}
    if isinstance(node, ast.With):
        call = node.items[0].context_expr
        dag.update({k.arg: ast.unparse(k.value) for k in call.keywords if k.arg != "default_args"})
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.BinOp) and isinstance(node.value.op, ast.RShift):
        edges.append([node.value.left.id, node.value.right.id])

by_var = {var: task["task_id"] for var, task in tasks.items()}
print(json.dumps({
    "tasks": {task["task_id"]: task for task in tasks.values()},
    "edges": sorted([by_var[a], by_var[b]] for a, b in edges),
    "dag": dag,
}))
