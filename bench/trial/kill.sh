D=/tmp/a21/trial/se
M=$(redis-cli -p 47211 sentinel get-master-addr-by-name mymaster | sed -n 2p)
O=$([ "$M" = 47201 ] && echo 47202 || echo 47201)
kill -9 $(cat $D/$M/pid); echo "killed $M"
sleep 8
redis-server --port $M --bind 127.0.0.1 --save '' --appendonly no --dir $D/$M --daemonize yes --logfile $D/$M/log2 --pidfile $D/$M/pid --replicaof 127.0.0.1 $O
echo "restarted $M empty as replica of $O"
