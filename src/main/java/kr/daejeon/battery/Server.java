package kr.daejeon.battery; import kr.daejeon.battery.config.AppConfig; final class Server { static void startAndWait(AppConfig c){} }
